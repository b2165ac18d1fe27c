package dev.taskapi.updatetask;

import dev.taskapi.api.TaskUpdateRequest;
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
 * {@code PATCH /tasks/{task_id}}: changes any of a task's fields, in one conditional write; with {@code If-Match},
 * only if the task is still at that version (else 412). A {@code list_id} or {@code parent_id} moves it, with its
 * sub-tasks, to the end there ({@link TaskStore#move}). The write itself is
 * {@link TaskWrites#update}, shared with {@code POST /batch}.
 */
public final class UpdateTaskHandler extends ApiHandler {
  private final TaskWrites writes;

  /** Lambda's entry point: production wiring from the function's environment. */
  public UpdateTaskHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    services.primeBatchGets();
    this(services.taskStore(), services.clock(), services.cors());
  }

  public UpdateTaskHandler(TaskStore tasks, Clock clock, Cors cors) {
    super(cors);
    this.writes = new TaskWrites(tasks, clock);
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String taskId = request.taskId();
    Optional<Long> requiredVersion = EntityTag.requiredVersion(request);
    TaskUpdateRequest edit = TaskUpdateRequest.parse(request.jsonObjectBody());
    return writes.update(request.userId(), taskId, edit, requiredVersion);
  }
}
