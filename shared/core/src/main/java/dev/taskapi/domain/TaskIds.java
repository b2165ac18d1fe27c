package dev.taskapi.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Task ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds first, so their canonical strings sort in
 * creation order and serve directly as the table's sort key. Within one millisecond a 12-bit counter keeps ids
 * from one container strictly increasing (RFC 9562 method 3, "replace leftmost random bits with a counter").
 */
public final class TaskIds {
  private static final Pattern CANONICAL =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private int counter;

  /** A new id for a task created at {@code epochMillis}; never smaller than an id issued before by this object. */
  public synchronized UUID next(long epochMillis) {
    long millis = Math.max(epochMillis, lastMillis);
    if (millis == lastMillis) {
      counter++;
      if (counter > 0xFFF) { // counter exhausted within this millisecond: borrow the next one
        millis++;
        counter = random.nextInt(0x800);
      }
    } else {
      counter = random.nextInt(0x800); // leave headroom so a burst rarely needs to borrow
    }
    lastMillis = millis;
    long msb = (millis << 16) | (0x7L << 12) | counter;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The creation time a task id carries (a task's {@code created_at} is exactly that). */
  public static Instant createdAt(String id) {
    return Instant.ofEpochMilli(epochMillis(UUID.fromString(id)));
  }

  /** The Unix milliseconds a UUIDv7 carries. */
  public static long epochMillis(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }

  /**
   * Parses a task id from a path or cursor: the canonical 8-4-4-4-12 form only (UUID.fromString accepts
   * oddities such as "1-1-1-1-1"), returned in lower case.
   */
  public static String canonical(String candidate) {
    return canonical("task_id", candidate);
  }

  /** The same rule for any UUID-valued parameter (a list id), named {@code name} in the 400. */
  public static String canonical(String name, String candidate) {
    if (candidate == null || !CANONICAL.matcher(candidate).matches()) {
      throw new InvalidRequestException(
          name + " must be a UUID.",
          java.util.List.of(new InvalidRequestException.FieldError(name, "must be a UUID")));
    }
    return candidate.toLowerCase(Locale.ROOT);
  }
}
