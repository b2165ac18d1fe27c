package dev.taskapi.domain;

import java.util.UUID;

/**
 * Positions: opaque strings whose byte order is the user's order of the tasks under one parent of one list.
 * They are fractional keys (David Greenspan, "Implementing Fractional Indexing", 2020; the format of the
 * {@code fractional-indexing} package): an integer part, a head letter saying how many base-62 digits follow
 * ({@code 'a'} one ... {@code 'z'} twenty-six), then an optional fraction. A key can always be made between two
 * others, so a move writes one item and never renumbers the rest.
 *
 * <p>A task that was never moved has its {@link #initial initial} position: the creation millisecond its id
 * carries, as a seven-digit integer key, with a fraction from the rest of the id. Creating a task therefore needs no read to put it last, and tasks
 * written before positions existed (which have none stored) read as the position their id gives.
 *
 * <p>{@link #between} is Greenspan's {@code generateKeyBetween}, as the CC0 reference implementation
 * (github.com/rocicorp/fractional-indexing, {@code src/index.js}) writes it, so keys agree byte for byte with it.
 * Maven Central has no maintained Java port (only Kotlin ones, which would bring the Kotlin standard library
 * into every function's cold start, and one in another format), hence our own.
 */
public final class TaskPositions {
  static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  /** Seven base-62 digits hold every millisecond until the year 2081 (62^7 ms). */
  private static final int INITIAL_DIGITS = 7;

  /** The smallest integer part ({@code A} + 26 zeros): no key sorts before it, so none may equal it. */
  private static final String SMALLEST_INTEGER = "A" + "0".repeat(26);

  private TaskPositions() {}

  /**
   * The position of a task never moved: its creation millisecond as an integer key ({@code g} + 7 digits), then a
   * fraction made of the rest of its id (the 12-bit counter that orders one container's ids within a millisecond,
   * 3 digits, and 29 of its random bits, 5 digits; trailing zeros dropped, as a key's fraction has none). The
   * fraction makes every task's initial position its own: two tasks created in the same millisecond would
   * otherwise tie, and no key could then be made between them, so "move right after the first" could not be
   * honoured without renumbering. Within one millisecond, one container's tasks keep their creation order.
   */
  public static String initial(String taskId) {
    return initial(TaskIds.epochMillis(UUID.fromString(taskId)), taskId);
  }

  /**
   * The initial position of a task created at {@code createdMillis}: for a UUIDv7 the server chose, the millisecond
   * its id carries ({@link #initial(String)}); for an id the client chose, which carries no trustworthy time (a v4 is
   * random), the creation time the server recorded, with the fraction from the same bits of the id (random in a
   * v4), so it too goes last among the tasks created before it.
   */
  public static String initial(long createdMillis, String taskId) {
    UUID id = UUID.fromString(taskId);
    StringBuilder key = new StringBuilder("g");
    appendDigits(key, createdMillis, INITIAL_DIGITS);
    appendDigits(key, id.getMostSignificantBits() & 0xFFF, 3);
    appendDigits(key, (id.getLeastSignificantBits() >>> 33) & 0x1FFFFFFFL, 5);
    int end = key.length();
    while (end > INITIAL_DIGITS + 1 && key.charAt(end - 1) == DIGITS.charAt(0)) {
      end--;
    }
    return key.substring(0, end);
  }

  /** {@code value} as {@code count} base-62 digits, most significant first. */
  private static void appendDigits(StringBuilder key, long value, int count) {
    char[] digits = new char[count];
    for (int i = count - 1; i >= 0; i--) {
      digits[i] = DIGITS.charAt((int) (value % DIGITS.length()));
      value /= DIGITS.length();
    }
    key.append(digits);
  }

  /**
   * A key strictly between {@code before} and {@code after}; either may be null, meaning "no task there" (the
   * start or the end of the range). Appending and prepending only step the integer part ({@code a0}, {@code a1},
   * ...), so keys stay short under the commonest moves; a key between two neighbours grows by about one digit
   * per halving of their gap.
   *
   * @throws IllegalArgumentException when a key is not a valid key or {@code before >= after}
   */
  public static String between(String before, String after) {
    if (before != null) {
      validate(before);
    }
    if (after != null) {
      validate(after);
    }
    if (before != null && after != null && before.compareTo(after) >= 0) {
      throw new IllegalArgumentException(before + " >= " + after);
    }
    if (before == null) {
      if (after == null) {
        return "a" + DIGITS.charAt(0);
      }
      String integer = integerPart(after);
      String fraction = after.substring(integer.length());
      if (integer.equals(SMALLEST_INTEGER)) {
        return integer + midpoint("", fraction);
      }
      if (integer.compareTo(after) < 0) {
        return integer;
      }
      String decremented = decrement(integer);
      if (decremented == null) {
        throw new IllegalArgumentException("no key before " + after);
      }
      return decremented;
    }
    String integer = integerPart(before);
    String fraction = before.substring(integer.length());
    if (after == null) {
      String incremented = increment(integer);
      return incremented == null ? integer + midpoint(fraction, null) : incremented;
    }
    String afterInteger = integerPart(after);
    if (integer.equals(afterInteger)) {
      return integer + midpoint(fraction, after.substring(afterInteger.length()));
    }
    String incremented = increment(integer);
    if (incremented == null) {
      throw new IllegalArgumentException("no key after " + before);
    }
    return incremented.compareTo(after) < 0 ? incremented : integer + midpoint(fraction, null);
  }

  /** Whether {@code key} is a valid key (a stored position always is; this guards against a hand-edited item). */
  public static boolean valid(String key) {
    try {
      validate(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A fraction strictly between fractions {@code a} and {@code b} (null: 1), neither ending in the zero digit. */
  private static String midpoint(String a, String b) {
    char zero = DIGITS.charAt(0);
    if (b != null) {
      int n = 0;
      while (n < b.length() && (n < a.length() ? a.charAt(n) : zero) == b.charAt(n)) {
        n++;
      }
      if (n > 0) {
        return b.substring(0, n) + midpoint(n < a.length() ? a.substring(n) : "", b.substring(n));
      }
    }
    int digitA = a.isEmpty() ? 0 : DIGITS.indexOf(a.charAt(0));
    int digitB = b != null ? DIGITS.indexOf(b.charAt(0)) : DIGITS.length();
    if (digitB - digitA > 1) {
      return String.valueOf(DIGITS.charAt((int) Math.round(0.5 * (digitA + digitB))));
    }
    if (b != null && b.length() > 1) {
      return b.substring(0, 1);
    }
    return DIGITS.charAt(digitA) + midpoint(a.isEmpty() ? "" : a.substring(1), null);
  }

  private static int integerLength(char head) {
    if (head >= 'a' && head <= 'z') {
      return head - 'a' + 2;
    }
    if (head >= 'A' && head <= 'Z') {
      return 'Z' - head + 2;
    }
    throw new IllegalArgumentException("invalid head of a key: " + head);
  }

  private static String integerPart(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("an empty key");
    }
    int length = integerLength(key.charAt(0));
    if (length > key.length()) {
      throw new IllegalArgumentException("a key shorter than its integer part: " + key);
    }
    return key.substring(0, length);
  }

  private static void validate(String key) {
    if (key.equals(SMALLEST_INTEGER)) {
      throw new IllegalArgumentException("the smallest integer is not a key");
    }
    String integer = integerPart(key);
    for (int i = 1; i < key.length(); i++) {
      if (DIGITS.indexOf(key.charAt(i)) < 0) {
        throw new IllegalArgumentException("not a base-62 digit in " + key);
      }
    }
    if (key.length() > integer.length() && key.charAt(key.length() - 1) == DIGITS.charAt(0)) {
      throw new IllegalArgumentException("a fraction ending in zero: " + key);
    }
  }

  /** The next integer part, or null past the largest ({@code z} + 26 top digits). */
  private static String increment(String integer) {
    char head = integer.charAt(0);
    StringBuilder digits = new StringBuilder(integer.substring(1));
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = DIGITS.indexOf(digits.charAt(i)) + 1;
      if (d < DIGITS.length()) {
        digits.setCharAt(i, DIGITS.charAt(d));
        return head + digits.toString();
      }
      digits.setCharAt(i, DIGITS.charAt(0));
    }
    if (head == 'Z') {
      return "a" + DIGITS.charAt(0);
    }
    if (head == 'z') {
      return null;
    }
    char next = (char) (head + 1);
    if (next > 'a') {
      digits.append(DIGITS.charAt(0));
    } else {
      digits.setLength(digits.length() - 1);
    }
    return next + digits.toString();
  }

  /** The previous integer part, or null before the smallest. */
  private static String decrement(String integer) {
    char head = integer.charAt(0);
    char top = DIGITS.charAt(DIGITS.length() - 1);
    StringBuilder digits = new StringBuilder(integer.substring(1));
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = DIGITS.indexOf(digits.charAt(i)) - 1;
      if (d >= 0) {
        digits.setCharAt(i, DIGITS.charAt(d));
        return head + digits.toString();
      }
      digits.setCharAt(i, top);
    }
    if (head == 'a') {
      return "Z" + top;
    }
    if (head == 'A') {
      return null;
    }
    char previous = (char) (head - 1);
    if (previous < 'Z') {
      digits.append(top);
    } else {
      digits.setLength(digits.length() - 1);
    }
    return previous + digits.toString();
  }
}
