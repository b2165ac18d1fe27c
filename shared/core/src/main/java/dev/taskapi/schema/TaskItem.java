package dev.taskapi.schema;

/**
 * The task item: {@code pk = USER#<user id>}, {@code sk = TASK#<task id>}, and the local secondary index
 * {@value #BY_COMPLETED} on {@code completed_sk = <0|1>#<task id>}. The user's partition also holds their
 * Idempotency-Key records ({@link IdempotencyItem}). These are the attributes of its identity and keys; every other
 * attribute is a task field, named as its {@link dev.taskapi.domain.TaskField} (the JSON member's name).
 */
public final class TaskItem {
  public static final String PARTITION_PREFIX = "USER#";
  public static final String SORT_PREFIX = "TASK#";

  public static final String TASK_ID = "task_id";
  public static final String USER_ID = "user_id";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String VERSION = "version";
  public static final String COMPLETED_SK = "completed_sk";
  public static final String BY_COMPLETED = "by-completed";
  /** The task's list ({@link ListItem}); absent on tasks written before lists existed: they are in the default one. */
  public static final String LIST_ID = "list_id";

  private TaskItem() {}

  public static String partitionKey(String userId) {
    return PARTITION_PREFIX + userId;
  }
}
