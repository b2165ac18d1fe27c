package dev.taskapi.domain;

import dev.taskapi.schema.TaskItem;

/**
 * Where a task sits: its list and its position there ({@link TaskPositions}). Not {@link TaskField}s, because
 * their absent values depend on the task's identity, which a field's {@link TaskField#absent()} cannot know: an
 * item written without {@code list_id} is in its owner's default list, whose id derives from the user id
 * ({@link TaskLists#defaultListId}), and one without {@code position} sits at its id's
 * {@link TaskPositions#initial initial} position. And changing them is a move (a key in the {@code by-position}
 * index changes, the target list is checked), never a plain field edit. The wire names are the attribute names.
 */
public record Placement(String listId, String position) {
  /** The JSON member and the DynamoDB attribute of the list. */
  public static final String LIST_ID = TaskItem.LIST_ID;
  /** The JSON member and the DynamoDB attribute of the position; read-only on the wire. */
  public static final String POSITION = TaskItem.POSITION;

  /**
   * Where a new task goes: the list asked for (its owner's default list when none was), last among the list's
   * tasks by its id's initial position, so a create needs no read.
   */
  public static Placement initial(String userId, String taskId, java.util.Optional<String> listId) {
    return new Placement(listId.orElseGet(() -> TaskLists.defaultListId(userId)), TaskPositions.initial(taskId));
  }

  /** The placement of a stored item; null attributes (an item from before placements) read as their absent values. */
  public static Placement loaded(String userId, String taskId, String storedListId, String storedPosition) {
    return new Placement(
        storedListId == null ? TaskLists.defaultListId(userId) : storedListId,
        storedPosition == null ? TaskPositions.initial(taskId) : storedPosition);
  }

  /** The by-position index's sort key of the task {@code taskId} placed here (a top-level task). */
  public String sortKey(String taskId) {
    return TaskItem.positionSortKey(listId, "", position, taskId);
  }
}
