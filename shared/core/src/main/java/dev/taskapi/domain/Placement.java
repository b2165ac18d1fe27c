package dev.taskapi.domain;

import dev.taskapi.schema.TaskItem;
import java.util.List;
import java.util.Optional;

/**
 * Where a task sits: its list, its parent (empty for a top-level task), its depth below the list's top level,
 * its position among its parent's sub-tasks ({@link TaskPositions}), and how many sub-tasks were ever created
 * under it. Not {@link TaskField}s, because their absent values depend on the task's identity, which a field's
 * {@link TaskField#absent()} cannot know: an item written without {@code list_id} is in its owner's default list,
 * whose id derives from the user id ({@link TaskLists#defaultListId}), and one without {@code position} sits at
 * its id's {@link TaskPositions#initial initial} position. And changing them is a move (a key in the
 * {@code by-position} index changes, the target list is checked), never a plain field edit. The wire names are the
 * attribute names.
 *
 * <p>{@code children} counts creates, never deletes: the store raises it in the same transaction as each sub-task's
 * create, so a task whose count is 0 certainly has no sub-task (its delete is one round trip), and one above 0 may.
 */
public record Placement(String listId, String parentId, int depth, String position, long children) {
  /** The JSON member and the DynamoDB attribute of the list. */
  public static final String LIST_ID = TaskItem.LIST_ID;
  /** The JSON member and the DynamoDB attribute of the parent task; null on the wire for a top-level task. */
  public static final String PARENT_ID = TaskItem.PARENT_ID;
  /** The JSON member and the DynamoDB attribute of the position; read-only on the wire. */
  public static final String POSITION = TaskItem.POSITION;
  /**
   * Levels a list's tree may have: a top-level task (depth 0) and sub-tasks down to depth {@code MAX_LEVELS - 1},
   * as Todoist allows (4 levels). Deep enough for an outline, shallow enough that a subtree stays small.
   */
  public static final int MAX_LEVELS = 4;

  /**
   * Where a new top-level task goes: the list asked for (its owner's default list when none was), last among the
   * list's tasks by its id's initial position, so a create needs no read.
   */
  public static Placement initial(String userId, String taskId, Optional<String> listId) {
    return initial(userId, taskId, TaskIds.createdAt(taskId), listId);
  }

  /** As {@link #initial(String, String, Optional)}, for a task created at {@code createdAt} (its id chosen by the client). */
  public static Placement initial(String userId, String taskId, java.time.Instant createdAt, Optional<String> listId) {
    return new Placement(
        listId.orElseGet(() -> TaskLists.defaultListId(userId)), "", 0,
        TaskPositions.initial(createdAt.toEpochMilli(), taskId), 0);
  }

  /**
   * Where a new sub-task of {@code parent} goes: in the parent's list (the one {@code listId} names must be it: a
   * 400 otherwise), one level below it (a 400 past {@value #MAX_LEVELS} levels), last among its siblings.
   */
  public static Placement under(Task parent, String taskId, Optional<String> listId) {
    return under(parent, taskId, TaskIds.createdAt(taskId), listId);
  }

  /** As {@link #under(Task, String, Optional)}, for a sub-task created at {@code createdAt}. */
  public static Placement under(Task parent, String taskId, java.time.Instant createdAt, Optional<String> listId) {
    Placement above = parent.placement();
    List<InvalidRequestException.FieldError> errors = new java.util.ArrayList<>();
    if (listId.isPresent() && !listId.get().equals(above.listId())) {
      errors.add(new InvalidRequestException.FieldError(PARENT_ID, "must be a task of the list in list_id"));
    }
    if (above.depth() + 1 >= MAX_LEVELS) {
      errors.add(
          new InvalidRequestException.FieldError(
              PARENT_ID, "is at the deepest level; tasks nest at most " + MAX_LEVELS + " levels deep"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The parent task cannot take this sub-task.", errors);
    }
    return new Placement(
        above.listId(), parent.id(), above.depth() + 1, TaskPositions.initial(createdAt.toEpochMilli(), taskId), 0);
  }

  /** The placement of a stored item; null attributes (an item from before placements) read as their absent values. */
  public static Placement loaded(
      String userId, String taskId, String storedListId, String storedParentId, Integer storedDepth,
      String storedPosition, Long storedChildren) {
    return new Placement(
        storedListId == null ? TaskLists.defaultListId(userId) : storedListId,
        storedParentId == null ? "" : storedParentId,
        storedDepth == null ? 0 : storedDepth,
        storedPosition == null ? TaskPositions.initial(taskId) : storedPosition,
        storedChildren == null ? 0 : storedChildren);
  }

  /** The placement of a stored item of which only the list and position were read. */
  public static Placement loaded(String userId, String taskId, String storedListId, String storedPosition) {
    return loaded(userId, taskId, storedListId, null, null, storedPosition, null);
  }

  /** Whether this is a top-level task (no parent). */
  public boolean topLevel() {
    return parentId.isEmpty();
  }

  /** This placement at {@code newPosition} of {@code newListId}, under the same parent. */
  public Placement movedTo(String newListId, String newPosition) {
    return new Placement(newListId, parentId, depth, newPosition, children);
  }

  /** The by-position index's sort key of the task {@code taskId} placed here. */
  public String sortKey(String taskId) {
    return TaskItem.positionSortKey(listId, parentId, position, taskId);
  }
}
