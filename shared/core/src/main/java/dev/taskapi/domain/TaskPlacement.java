package dev.taskapi.domain;

/** Where a task is, as the queries read it: its list, its parent and its position ({@link Placement}). */
final class TaskPlacement {
  private TaskPlacement() {}

  static String listId(Task task) {
    return task.placement().listId();
  }

  /** The parent task's id; empty for a top-level task. */
  static String parentId(Task task) {
    return task.placement().parentId();
  }

  static String position(Task task) {
    return task.placement().position();
  }
}
