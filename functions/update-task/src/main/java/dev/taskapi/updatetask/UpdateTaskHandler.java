package dev.taskapi.updatetask;

import dev.taskapi.api.TaskUpdateRequest;
import dev.taskapi.api.TaskUpdatedResponse;
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
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PATCH /tasks/{task_id}}: changes any of a task's fields, in one conditional write; with {@code If-Match},
 * only if the task is still at that version (else 412). A {@code list_id} or {@code parent_id} moves it, with its
 * sub-tasks, to the end there ({@link TaskStore#move}).
 */
public final class UpdateTaskHandler extends ApiHandler {
  private final TaskStore tasks;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public UpdateTaskHandler() {
    Services services = Services.fromEnvironment();
    this(services.taskStore(), services.clock(), services.cors());
  }

  public UpdateTaskHandler(TaskStore tasks, Clock clock, Cors cors) {
    super(cors);
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String taskId = request.taskId();
    Optional<Long> requiredVersion = EntityTag.requiredVersion(request);
    TaskUpdateRequest edit = TaskUpdateRequest.parse(request.jsonObjectBody());
    // A PATCH of list_id or parent_id moves the task (last there, kept in place when both are its own) with the
    // other changes, in one write.
    Optional<Task> updated =
        edit.moves()
            ? tasks.move(
                request.userId(), taskId, edit.move(), edit.changes(),
                requiredVersion, clock.instant())
            : tasks.update(request.userId(), taskId, edit.changes(), requiredVersion, clock.instant());
    Task task = updated.orElseThrow(NotFoundException::noSuchTask);
    return new ApiResponse(
        200,
        new TaskUpdatedResponse("Task updated", TaskView.of(task)),
        Map.of(EntityTag.ETAG, EntityTag.of(task.version())));
  }
}
