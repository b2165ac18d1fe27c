package dev.taskapi.store;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskPage;
import java.util.Optional;

/** Each user's tasks, ordered by id (UUIDv7, so by creation time). Every call is one DynamoDB request. */
public interface TaskStore {
  /** Stores a new task; returns only once the write is durable. */
  void create(Task task);

  /**
   * Up to {@code limit} of the user's tasks, newest first, starting after {@code afterTaskId} when present.
   * {@link TaskPage#lastTaskId()} is present exactly when more tasks may follow.
   */
  TaskPage list(String userId, int limit, Optional<String> afterTaskId);

  /** Deletes the user's task; false when the user has no task with that id (absent, or someone else's). */
  boolean delete(String userId, String taskId);
}
