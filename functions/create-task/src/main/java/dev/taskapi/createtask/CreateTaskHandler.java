package dev.taskapi.createtask;

import dev.taskapi.api.NewTaskRequest;
import dev.taskapi.api.TaskCreatedResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.services.Services;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.IdempotentTaskCreation;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /tasks}: creates a task owned by the caller; with an {@code Idempotency-Key}, at most once per key
 * (a retry answers the original 201). Into the caller's default list, or the one {@code list_id} names (404 when
 * the caller has no such list, with nothing written); under the task {@code parent_id} names (404 when the caller
 * has no such task, with nothing written). With a {@code uuid}, the task gets the id the client chose: the same uuid
 * and content again answers 201 with the task as it is now and {@code Idempotent-Replayed: true}; other content
 * under a uuid of the caller's is a 409.
 */
public final class CreateTaskHandler extends ApiHandler {
  private final TaskStore tasks;
  private final IdempotentTaskCreation idempotent;
  private final Clock clock;
  private final TaskIds ids = new TaskIds();

  /** Lambda's entry point: production wiring from the function's environment. */
  public CreateTaskHandler() {
    Services services = Services.fromEnvironment();
    this(services.taskStore(), services.idempotencyStore(), services.clock(), services.cors());
  }

  public CreateTaskHandler(TaskStore tasks, IdempotencyStore idempotencyRecords, Clock clock, Cors cors) {
    super(cors);
    this.tasks = tasks;
    this.idempotent = new IdempotentTaskCreation(tasks, idempotencyRecords);
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Optional<String> key = IdempotencyKey.of(request);
    NewTaskRequest draft = NewTaskRequest.parse(request.jsonObjectBody());
    // A sub-task's parent, read strongly consistently: its list and depth decide the sub-task's. The store's create
    // writes the sub-task only if the parent is still there in that list (TaskStore#create).
    Optional<Task> parent =
        draft.parentId().map(id -> tasks.find(request.userId(), id).orElseThrow(NotFoundException::noSuchParent));
    Task task = draft.task(ids.next(clock.millis()).toString(), clock.instant(), request.userId(), parent);
    IdempotentTaskCreation.Outcome outcome =
        key.isEmpty()
            ? idempotent.create(task, draft.clientFingerprint(), request.callerEmail())
            : idempotent.create(
                key.get(), draft.fingerprint(), task, draft.clientFingerprint(), request.callerEmail(),
                clock.instant());
    return created(
        outcome.task(), outcome.replayed() ? Map.of(IdempotencyKey.REPLAYED_HEADER, "true") : Map.of());
  }

  private static ApiResponse created(Task task, Map<String, String> headers) {
    return new ApiResponse(201, new TaskCreatedResponse("Task created", TaskView.of(task)), headers);
  }

  /** A replayed Idempotency-Key answers 201 again but created nothing, so it does not count. */
  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 201 && !response.headers().containsKey(IdempotencyKey.REPLAYED_HEADER)
        ? "TasksCreated"
        : null;
  }
}
