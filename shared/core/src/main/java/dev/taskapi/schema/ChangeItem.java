package dev.taskapi.schema;

import java.time.Duration;

/**
 * The account's change log, read by {@code GET /sync}. In the owner's partition beside the tasks and lists ({@link
 * TaskItem#partitionKey}), so deleting the account's partition deletes it:
 *
 * <ul>
 *   <li>one counter item, {@code sk = }{@value #COUNTER_SORT_KEY}, whose {@value #SEQUENCE} is the last sequence
 *       number given out (absent: none yet), and {@value #CLOSED} the full syncs' start. It never expires.
 *   <li>one entry per number given out, {@code sk = CHANGE#<sequence, 20 digits>} ({@link
 *       #sortKey}), naming the tasks ({@value #TASK_IDS}) and lists ({@value #LIST_IDS}) the write created,
 *       changed or deleted (or a void, naming nothing). An entry names ids, not states: a reader reads each named
 *       item's current state, and an item that is gone was deleted.
 * </ul>
 *
 * <p>The entry is written in the same TransactWriteItems as the write it records, either with an Update of the
 * counter from {@code n} to {@code n + 1} conditional on it being {@code n}, or, under contention, after its
 * number was taken from the counter with an atomic ADD: then entries may commit out of order, and a number given
 * out has, for a while, no entry (a gap). Every number ends with exactly one entry, the write's or a void
 * ({@value #VOID}), as both are Puts conditional on absence; readers never pass a gap (docs/design.md, "The change
 * log").
 */
public final class ChangeItem {
  public static final String SORT_PREFIX = "CHANGE#";
  public static final String COUNTER_SORT_KEY = "SEQ";

  /** On the counter: the last sequence number given out. On an entry: its own. */
  public static final String SEQUENCE = "seq";
  /**
   * On the counter: a number at or below which every number has its entry or its void (or had one, expired since),
   * so no write in flight can still commit there; a full sync starts above it. Absent until a full sync sets it.
   */
  public static final String CLOSED = "closed";
  /** String set: the tasks the write touched. Absent when none. */
  public static final String TASK_IDS = "task_ids";
  /** String set: the lists the write touched. Absent when none. */
  public static final String LIST_IDS = "list_ids";
  /**
   * On an entry: when it was written, epoch milliseconds of its writer's clock. Absent on entries written before
   * it existed (their writes took their numbers in order, so no gap lies below them).
   */
  public static final String WRITTEN_AT = "written_at";
  /**
   * On an entry: {@code true} when it is a void, written for a number that no write will commit (its writer gave
   * it up, or a reader closed the gap it left); such an entry names nothing and readers skip it.
   */
  public static final String VOID = "void";
  /** The table's TTL attribute (template.yaml): epoch seconds after which DynamoDB may delete the entry. */
  public static final String EXPIRES_AT = "expires_at";

  /** How long an entry is kept before it may expire. */
  public static final Duration KEPT = Duration.ofDays(31);
  /**
   * How long a sync token stays valid after it was issued: a day less than {@link #KEPT}, so every entry a valid
   * token still needs is there (TTL deletes an item only after its {@value #EXPIRES_AT} has passed).
   */
  public static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

  private static final int SEQUENCE_DIGITS = 20;

  private ChangeItem() {}

  /** The sort key of the entry numbered {@code sequence} (zero-padded, so string order is number order). */
  public static String sortKey(long sequence) {
    String digits = Long.toString(sequence);
    return SORT_PREFIX + "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
  }
}
