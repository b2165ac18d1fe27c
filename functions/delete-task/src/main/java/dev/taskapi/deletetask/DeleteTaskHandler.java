package dev.taskapi.deletetask;

import dev.taskapi.api.MessageResponse;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.TaskStore;

/** {@code DELETE /tasks/{task_id}}: deletes one of the caller's tasks. */
public final class DeleteTaskHandler extends ApiHandler {
  private final TaskStore tasks;

  /** Lambda's entry point: production wiring from the function's environment. */
  public DeleteTaskHandler() {
    Services services = Services.fromEnvironment();
    this(services.taskStore(), services.cors());
  }

  public DeleteTaskHandler(TaskStore tasks, Cors cors) {
    super(cors);
    this.tasks = tasks;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String taskId = request.taskId();
    // The key includes the caller's id, so another user's task is simply absent: the same 404, by design.
    if (!tasks.delete(request.userId(), taskId)) {
      throw NotFoundException.noSuchTask();
    }
    return ApiResponse.ok(new MessageResponse("Task deleted"));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "TasksDeleted" : null;
  }
}
