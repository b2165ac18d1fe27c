package dev.taskapi.services;

import dev.taskapi.api.NewTaskRequest;
import dev.taskapi.api.TaskCreatedResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.IdempotentTaskCreation;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The task create, answering exactly what {@code POST /tasks} answers: that route calls it with its parsed request,
 * and so does {@code POST /batch} for each of its {@code create_task} operations. It alone needs the idempotency
 * store (the edits and deletes are {@link TaskWrites}). Failures are {@link dev.taskapi.domain.DomainException}s,
 * turned into problems by the caller.
 */
public final class TaskCreation {
  private final TaskStore tasks;
  private final IdempotentTaskCreation idempotent;
  private final Clock clock;
  private final TaskIds ids = new TaskIds();

  public TaskCreation(TaskStore tasks, IdempotencyStore idempotencyRecords, Clock clock) {
    this.tasks = tasks;
    this.idempotent = new IdempotentTaskCreation(tasks, idempotencyRecords);
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
}
