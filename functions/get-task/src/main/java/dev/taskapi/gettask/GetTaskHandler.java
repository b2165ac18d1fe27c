package dev.taskapi.gettask;

import dev.taskapi.api.TaskResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Task;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.EntityTag;
import dev.taskapi.services.Services;
import dev.taskapi.store.TaskStore;
import java.util.Map;

/** {@code GET /tasks/{task_id}}: one of the caller's tasks, with its version as the ETag. */
public final class GetTaskHandler extends ApiHandler {
  private final TaskStore tasks;

  /** Lambda's entry point: production wiring from the function's environment. */
  public GetTaskHandler() {
    Services services = Services.fromEnvironment();
    this(services.taskStore(), services.cors());
  }

  public GetTaskHandler(TaskStore tasks, Cors cors) {
    super(cors);
    this.tasks = tasks;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String taskId = request.taskId();
    // The key includes the caller's id, so another user's task is simply absent: the same 404, by design.
    Task task = tasks.find(request.userId(), taskId).orElseThrow(NotFoundException::noSuchTask);
    return new ApiResponse(200, new TaskResponse(TaskView.of(task)), Map.of(EntityTag.ETAG, EntityTag.of(task.version())));
  }
}
