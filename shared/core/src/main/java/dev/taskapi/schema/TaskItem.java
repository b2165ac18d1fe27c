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
  /**
   * The task's fractional position among its list's tasks ({@link dev.taskapi.domain.TaskPositions}); absent on
   * tasks never moved, which sit at the initial position of their id.
   */
  public static final String POSITION = "position";
  /** The task's parent task; absent on a top-level task (and on every task written before sub-tasks existed). */
  public static final String PARENT_ID = "parent_id";
  /** Levels below the list's top level (0, or absent, for a top-level task): one read of a parent tells a child's. */
  public static final String DEPTH = "depth";
  /**
   * Sub-tasks ever created under the task (absent: none), raised in each sub-task's create transaction and never
   * lowered: 0 proves a leaf, so a leaf's delete needs no Query for sub-tasks.
   */
  public static final String CHILDREN = "children";
  /**
   * The global secondary index of each user's tasks in the order the user chose: partition {@code pk}, sort
   * {@value #POSITION_SK}. The one index this release adds: CloudFormation (like UpdateTable) adds at most one
   * global secondary index to a deployed table per stack update.
   */
  public static final String BY_POSITION = "by-position";
  /**
   * {@code <list id>#<parent task id, empty for a top-level task>#<position>#<task id>}, written with every task
   * ({@link #positionSortKey}): a list's tasks, or one parent's sub-tasks, are one key range in user order.
   */
  public static final String POSITION_SK = "position_sk";

  /**
   * The global secondary index of each user's tasks in creation order: partition {@code pk}, sort {@value
   * #CREATED_SK}. Task ids are no longer creation order once clients choose them (a v4 is random), so the listings
   * in creation order read this index rather than the table's {@code TASK#<id>} range. The one index this release
   * adds (CloudFormation adds at most one global secondary index per stack update).
   */
  public static final String BY_CREATED = "by-created";
  /**
   * {@code <created_at as 13-digit epoch milliseconds>#<task id>}, written with every task ({@link #createdSortKey}):
   * fixed width, so text order is time order (until the year 2286), and the id breaks ties.
   */
  public static final String CREATED_SK = "created_sk";
  /**
   * The fingerprint of the create request ({@code NewTaskRequest.fingerprint}), stored only when the client chose the
   * task's id: a create under a taken id compares it to its own to tell a replay from a conflict, from the refused
   * write's ALL_OLD item, with no read. Written once, at create; list items keep theirs under the same name.
   */
  public static final String CREATE_FINGERPRINT = "create_fingerprint";

  private TaskItem() {}

  public static String partitionKey(String userId) {
    return PARTITION_PREFIX + userId;
  }

  /** The {@value #CREATED_SK} of a task created at {@code createdMillis}. */
  public static String createdSortKey(long createdMillis, String taskId) {
    String millis = Long.toString(createdMillis);
    return "0".repeat(Math.max(0, CREATED_MILLIS_DIGITS - millis.length())) + millis + "#" + taskId;
  }

  private static final int CREATED_MILLIS_DIGITS = 13;

  /** The {@value #POSITION_SK} of a task; {@code parentId} is empty for a top-level task. */
  public static String positionSortKey(String listId, String parentId, String position, String taskId) {
    return positionPrefix(listId, parentId) + position + "#" + taskId;
  }

  /** The start of every {@value #POSITION_SK} of one parent's sub-tasks (or, with an empty parent, of a list's top-level tasks). */
  public static String positionPrefix(String listId, String parentId) {
    return listPositionPrefix(listId) + parentId + "#";
  }

  /** The start of every {@value #POSITION_SK} of one list's tasks, top-level and sub-tasks alike. */
  public static String listPositionPrefix(String listId) {
    return listId + "#";
  }
}
