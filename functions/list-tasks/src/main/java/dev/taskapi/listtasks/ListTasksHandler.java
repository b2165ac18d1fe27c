package dev.taskapi.listtasks;

import dev.taskapi.api.CursorCodec;
import dev.taskapi.api.TaskListResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.TaskPage;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.TaskStore;
import java.util.List;
import java.util.Optional;

/** {@code GET /tasks}: the caller's tasks, newest first, a page per request, optionally only open or completed. */
public final class ListTasksHandler extends ApiHandler {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final TaskStore tasks;
  private final CursorCodec cursors;

  /** Lambda's entry point: production wiring from the function's environment. */
  public ListTasksHandler() {
    Services services = Services.fromEnvironment();
    this(services.taskStore(), services.cursorCodec(), services.cors());
  }

  public ListTasksHandler(TaskStore tasks, CursorCodec cursors, Cors cors) {
    super(cors);
    this.tasks = tasks;
    this.cursors = cursors;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String userId = request.userId();
    int limit = limit(request.queryParameter("limit"));
    Optional<Boolean> completed = completed(request.queryParameter("completed"));
    // A cursor continues only the listing it came from: the same user and the same filter.
    String listing = completed.map(state -> "completed=" + state).orElse("");
    Optional<String> after =
        request.queryParameter("cursor").map(cursor -> cursors.decode(userId, listing, cursor));
    TaskPage page = tasks.list(userId, completed, limit, after);
    List<TaskView> views = page.tasks().stream().map(TaskView::of).toList();
    String next = page.lastTaskId().map(id -> cursors.encode(userId, listing, id)).orElse(null);
    return ApiResponse.ok(new TaskListResponse(views, next));
  }

  private static Optional<Boolean> completed(Optional<String> text) {
    return text.map(
        value ->
            switch (value) {
              case "true" -> true;
              case "false" -> false;
              default ->
                  throw new InvalidRequestException(
                      "completed must be true or false.",
                      List.of(new FieldError("completed", "must be true or false")));
            });
  }

  private static int limit(Optional<String> text) {
    if (text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    String value = text.get();
    // Digits only and short: "+5", "1e3", " 7" and 20-digit numbers are all refused the same way.
    if (value.matches("[0-9]{1,4}")) {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    }
    throw new InvalidRequestException(
        "limit must be a whole number from 1 to " + MAX_LIMIT + ".",
        List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
  }
}
