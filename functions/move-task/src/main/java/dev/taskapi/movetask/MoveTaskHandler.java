package dev.taskapi.movetask;

import dev.taskapi.api.MoveRequest;
import dev.taskapi.domain.Move;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.EntityTag;
import dev.taskapi.services.Services;
import dev.taskapi.services.TaskWrites;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /tasks/{task_id}/move}: puts a task first ({@code "after": null}), last ({@code after} omitted) or
 * right after another task, in its own list or the one {@code list_id} names, under its own parent or the one
 * {@code parent_id} names, with its sub-tasks ({@link TaskStore#move}); with {@code If-Match}, only if the task is
 * still at that version (else 412). Answers 200 with the task as moved and its new ETag. The write itself is {@link TaskWrites#move}, shared with
 * {@code POST /batch}.
 */
public final class MoveTaskHandler extends ApiHandler {
  private final TaskWrites writes;

  /** Lambda's entry point: production wiring from the function's environment. */
  public MoveTaskHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    services.primeBatchGets();
    services.primeQueries();
    this(services.taskStore(), services.clock(), services.cors());
  }

  public MoveTaskHandler(TaskStore tasks, Clock clock, Cors cors) {
    super(cors);
    this.writes = new TaskWrites(tasks, clock);
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String taskId = request.taskId();
    Optional<Long> requiredVersion = EntityTag.requiredVersion(request);
    Move move = MoveRequest.parse(request.jsonObjectBody(), taskId);
    return writes.move(request.userId(), taskId, move, requiredVersion);
  }
}
