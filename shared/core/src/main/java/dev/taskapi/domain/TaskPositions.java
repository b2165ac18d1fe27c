package dev.taskapi.domain;

/**
 * Positions: opaque strings whose byte order is the user's order of the tasks under one parent of one list.
 * They are fractional keys (David Greenspan, "Implementing Fractional Indexing", 2020; the format of the
 * {@code fractional-indexing} package): an integer part, a head letter saying how many base-62 digits follow
 * ({@code 'a'} one ... {@code 'z'} twenty-six), then an optional fraction. A key can always be made between two
 * others, so a move writes one item and never renumbers the rest.
 *
 * <p>A task that was never moved has its {@link #initial initial} position: the creation millisecond its id
 * carries, as a seven-digit integer key. Creating a task therefore needs no read to put it last, and tasks
 * written before positions existed (which have none stored) read as the position their id gives.
 */
public final class TaskPositions {
  static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  /** Seven base-62 digits hold every millisecond until the year 2081 (62^7 ms). */
  private static final int INITIAL_DIGITS = 7;

  private TaskPositions() {}

  /** The position of a task never moved: its creation millisecond as an integer key ({@code g} + 7 digits). */
  public static String initial(String taskId) {
    long millis = TaskIds.createdAt(taskId).toEpochMilli();
    char[] key = new char[INITIAL_DIGITS + 1];
    key[0] = (char) ('a' + INITIAL_DIGITS - 1);
    for (int i = INITIAL_DIGITS; i >= 1; i--) {
      key[i] = DIGITS.charAt((int) (millis % DIGITS.length()));
      millis /= DIGITS.length();
    }
    return new String(key);
  }
}
