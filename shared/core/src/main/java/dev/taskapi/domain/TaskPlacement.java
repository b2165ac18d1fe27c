package dev.taskapi.domain;

/**
 * Where a task is, as the queries read it: its list, its parent and its position. Until tasks carry a list, a
 * parent and a moved position, every task is a top-level task of its owner's default list at its initial position
 * ({@link TaskPositions#initial}), as the by-position index's key of it says ({@code TaskSchema.positionSortKey});
 * tasks written before lists (no {@code list_id}) stay so after.
 */
final class TaskPlacement {
  private TaskPlacement() {}

  static String listId(Task task) {
    return TaskLists.defaultListId(task.userId());
  }

  /** The parent task's id; empty for a top-level task. */
  static String parentId(Task task) {
    return "";
  }

  static String position(Task task) {
    return TaskPositions.initial(task.id());
  }
}
