package dev.taskapi.domain;

/**
 * Where a task is: its list, its parent and its position. Tasks written before lists (no {@code list_id}) are in
 * their owner's default list, top-level, at the position their creation gives them.
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
    return task.id();
  }
}
