package dev.taskapi.createtask;

import dev.taskapi.api.NewTaskRequest;
import dev.taskapi.api.TaskCreatedResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.config.Services;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** {@code POST /tasks}: creates a task owned by the caller. */
public final class CreateTaskHandler extends ApiHandler {
  private final TaskStore tasks;
  private final Clock clock;
  private final TaskIds ids = new TaskIds();

  /** Lambda's entry point: production wiring from the function's environment. */
  public CreateTaskHandler() {
    this(System.getenv());
  }

  public CreateTaskHandler(Map<String, String> environment) {
    this(Services.fromEnvironment(environment));
  }

  private CreateTaskHandler(Services services) {
    this(services.taskStore(), services.clock(), services.cors());
  }

  public CreateTaskHandler(TaskStore tasks, Clock clock, Cors cors) {
    super(cors);
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    NewTaskRequest draft = NewTaskRequest.parse(request.jsonObjectBody());
    String id = ids.next(clock.millis()).toString();
    // created_at is the instant the id carries, so the two can never disagree.
    Instant createdAt = Instant.ofEpochMilli(TaskIds.epochMillis(java.util.UUID.fromString(id)));
    Task task = new Task(id, request.userId(), draft.title(), draft.description(), createdAt);
    tasks.create(task);
    return ApiResponse.created(new TaskCreatedResponse("Task created", TaskView.of(task)));
  }
}
