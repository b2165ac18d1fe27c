package dev.taskapi.services;

import dev.taskapi.api.MessageResponse;
import dev.taskapi.api.TaskUpdateRequest;
import dev.taskapi.api.TaskUpdatedResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.Move;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.EntityTag;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The task edits and deletes, each answering exactly what its route answers: {@code PATCH /tasks/{task_id}},
 * {@code POST /tasks/{task_id}/move} and {@code DELETE /tasks/{task_id}} call these with their parsed request, and
 * so does {@code POST /batch} for each of its operations (creates are {@link TaskCreation}'s). Failures are
 * {@link dev.taskapi.domain.DomainException}s, turned into problems by the caller.
 */
public final class TaskWrites {
  private final TaskStore tasks;
  private final Clock clock;

  public TaskWrites(TaskStore tasks, Clock clock) {
    this.tasks = tasks;
    this.clock = clock;
  }

  /**
   * {@code PATCH /tasks/{task_id}}: any of a task's fields in one conditional write, only at {@code requiredVersion}
   * when given (else 412); a {@code list_id} moves it to the end of that list with the other changes.
   */
  public ApiResponse update(String userId, String taskId, TaskUpdateRequest edit, Optional<Long> requiredVersion) {
    Optional<Task> updated =
        edit.moves()
            ? tasks.move(userId, taskId, edit.move(), edit.changes(), requiredVersion, clock.instant())
            : tasks.update(userId, taskId, edit.changes(), requiredVersion, clock.instant());
    return changed("Task updated", updated.orElseThrow(NotFoundException::noSuchTask));
  }

  /** {@code POST /tasks/{task_id}/move}: writes that one task only ({@link TaskStore#move}). */
  public ApiResponse move(String userId, String taskId, Move move, Optional<Long> requiredVersion) {
    Task task =
        tasks
            .move(userId, taskId, move, TaskChanges.none(), requiredVersion, clock.instant())
            .orElseThrow(NotFoundException::noSuchTask);
    return changed("Task moved", task);
  }

  private static ApiResponse changed(String message, Task task) {
    return new ApiResponse(
        200,
        new TaskUpdatedResponse(message, TaskView.of(task)),
        Map.of(EntityTag.ETAG, EntityTag.of(task.version())));
  }

  /** {@code DELETE /tasks/{task_id}}: the task and its sub-tasks. */
  public ApiResponse delete(String userId, String taskId) {
    // The key includes the caller's id, so another user's task is simply absent: the same 404, by design.
    if (!tasks.delete(userId, taskId)) {
      throw NotFoundException.noSuchTask();
    }
    return ApiResponse.ok(new MessageResponse("Task deleted"));
  }
}
