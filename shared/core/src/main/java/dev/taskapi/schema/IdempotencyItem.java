package dev.taskapi.schema;

/** An Idempotency-Key record, in its user's task partition: {@code sk = IDEMPOTENCY#<key>}. */
public final class IdempotencyItem {
  public static final String SORT_PREFIX = "IDEMPOTENCY#";

  public static final String REQUEST_HASH = "request_hash";
  public static final String TASK_ID = "task_id";
  /**
   * The task's creation time (ISO-8601), which an id the client chose does not carry; absent on records written
   * before clients chose ids, whose task ids are the server's UUIDv7s and carry it.
   */
  public static final String TASK_CREATED_AT = "task_created_at";
  public static final String STATE = "state";
  /** Epoch seconds; the table's TTL attribute (template.yaml). */
  public static final String EXPIRES_AT = "expires_at";

  public static final String PENDING = "pending";
  public static final String COMPLETE = "complete";

  private IdempotencyItem() {}
}
