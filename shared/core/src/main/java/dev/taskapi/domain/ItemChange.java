package dev.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One write of one of a user's tasks or lists, as the table's change stream tells it: the object before and after
 * (empty when it did not exist, or, for a list, was being deleted: from then on it reads as absent).
 */
public sealed interface ItemChange {
  String userId();

  /** A task written: created (no before), changed, or deleted (no after). */
  record OfTask(String userId, String taskId, Optional<Task> before, Optional<Task> after) implements ItemChange {
    public OfTask {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  /** A list written: created (no before), changed, or deleted (no after). */
  record OfList(String userId, String listId, Optional<TaskList> before, Optional<TaskList> after)
      implements ItemChange {
    public OfList {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(listId, "listId");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }
}
