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
  /**
   * A whole answer kept for replays ({@code POST /batch}), gzip-compressed: binary, present once complete. A
   * DynamoDB item holds at most 400 KB, names and values together ("Service, account, and table quotas in Amazon
   * DynamoDB", DynamoDB Developer Guide): the writer keeps it under {@link #MAX_ANSWER_BYTES}.
   */
  public static final String ANSWER = "answer";
  /** The largest stored answer: the item's 400 KB less ample room for its key and other attributes. */
  public static final int MAX_ANSWER_BYTES = 380 * 1024;
  /** Epoch seconds; the table's TTL attribute (template.yaml). */
  public static final String EXPIRES_AT = "expires_at";

  public static final String PENDING = "pending";
  public static final String COMPLETE = "complete";

  private IdempotencyItem() {}
}
