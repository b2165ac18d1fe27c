package dev.taskapi.deletetask;

import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.services.TaskWrites;
import dev.taskapi.store.TaskStore;
import java.time.Clock;

/**
 * {@code DELETE /tasks/{task_id}}: deletes one of the caller's tasks. The write itself is {@link TaskWrites#delete},
 * shared with {@code POST /batch}.
 */
public final class DeleteTaskHandler extends ApiHandler {
  private final TaskWrites writes;

  /** Lambda's entry point: production wiring from the function's environment. */
  public DeleteTaskHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    this(services.taskStore(), services.cors());
  }

  public DeleteTaskHandler(TaskStore tasks, Cors cors) {
    super(cors);
    this.writes = new TaskWrites(tasks, Clock.systemUTC());
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String taskId = request.taskId();
    return writes.delete(request.userId(), taskId);
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "TasksDeleted" : null;
  }
}
