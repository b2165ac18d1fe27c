package dev.taskapi.createtask;

import dev.taskapi.api.NewTaskRequest;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.services.Services;
import dev.taskapi.services.TaskCreation;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /tasks}: creates a task owned by the caller; with an {@code Idempotency-Key}, at most once per key
 * (a retry answers the original 201). Into the caller's default list, or the one {@code list_id} names (404 when
 * the caller has no such list, with nothing written); under the task {@code parent_id} names (404 when the caller
 * has no such task, with nothing written). The write itself is {@link TaskCreation#create}, shared with
 * {@code POST /batch}.
 */
public final class CreateTaskHandler extends ApiHandler {
  private final TaskCreation writes;

  /** Lambda's entry point: production wiring from the function's environment. */
  public CreateTaskHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    this(services.taskStore(), services.idempotencyStore(), services.clock(), services.cors());
  }

  public CreateTaskHandler(TaskStore tasks, IdempotencyStore idempotencyRecords, Clock clock, Cors cors) {
    super(cors);
    this.writes = new TaskCreation(tasks, idempotencyRecords, clock);
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Optional<String> key = IdempotencyKey.of(request);
    NewTaskRequest draft = NewTaskRequest.parse(request.jsonObjectBody());
    return writes.create(request.userId(), request.callerEmail(), draft, key);
  }

  /** A replayed Idempotency-Key answers 201 again but created nothing, so it does not count. */
  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 201 && !response.headers().containsKey(IdempotencyKey.REPLAYED_HEADER)
        ? "TasksCreated"
        : null;
  }
}
