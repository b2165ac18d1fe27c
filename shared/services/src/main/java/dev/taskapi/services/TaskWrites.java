package dev.taskapi.services;

import dev.taskapi.api.MessageResponse;
import dev.taskapi.api.NewTaskRequest;
import dev.taskapi.api.TaskCreatedResponse;
import dev.taskapi.api.TaskUpdateRequest;
import dev.taskapi.api.TaskUpdatedResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.Move;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.EntityTag;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.IdempotentTaskCreation;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The task writes, each answering exactly what its route answers: {@code POST /tasks}, {@code PATCH
 * /tasks/{task_id}}, {@code POST /tasks/{task_id}/move} and {@code DELETE /tasks/{task_id}} call these with their
 * parsed request, and so does {@code POST /batch} for each of its operations. Failures are
 * {@link dev.taskapi.domain.DomainException}s, turned into problems by the caller.
 */
public final class TaskWrites {
  private final TaskStore tasks;
  private final IdempotentTaskCreation idempotent;
  private final Clock clock;
  private final TaskIds ids = new TaskIds();

  public TaskWrites(TaskStore tasks, IdempotencyStore idempotencyRecords, Clock clock) {
    this.tasks = tasks;
    this.idempotent = new IdempotentTaskCreation(tasks, idempotencyRecords);
    this.clock = clock;
  }

  /** For the routes that create nothing under an Idempotency-Key, and so hold no idempotency store. */
  public TaskWrites(TaskStore tasks, Clock clock) {
    this.tasks = tasks;
    this.idempotent = null;
    this.clock = clock;
  }

  /**
   * {@code POST /tasks}: into the caller's default list or {@code list_id}'s, under {@code parent_id}'s task (404
   * when the caller has no such task, with nothing written); with an Idempotency-Key, at most once per key.
   */
  public ApiResponse create(String userId, String callerEmail, NewTaskRequest draft, Optional<String> key) {
    // A sub-task's parent, read strongly consistently: its list and depth decide the sub-task's. The store's create
    // writes the sub-task only if the parent is still there in that list (TaskStore#create).
    Optional<Task> parent =
        draft.parentId().map(id -> tasks.find(userId, id).orElseThrow(NotFoundException::noSuchParent));
    Task task = draft.task(ids.next(clock.millis()).toString(), clock.instant(), userId, parent);
    if (idempotent == null) {
      throw new IllegalStateException("a create needs the idempotency store");
    }
    // Without a key, the create is idempotent by the task's id: a client's uuid sent again with the same content
    // is a replay (IdempotentTaskCreation).
    IdempotentTaskCreation.Outcome outcome =
        key.isEmpty()
            ? idempotent.create(task, draft.clientFingerprint(), callerEmail)
            : idempotent.create(
                key.get(), draft.fingerprint(), task, draft.clientFingerprint(), callerEmail, clock.instant());
    return created(
        outcome.task(), outcome.replayed() ? Map.of(IdempotencyKey.REPLAYED_HEADER, "true") : Map.of());
  }

  private static ApiResponse created(Task task, Map<String, String> headers) {
    return new ApiResponse(201, new TaskCreatedResponse("Task created", TaskView.of(task)), headers);
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
