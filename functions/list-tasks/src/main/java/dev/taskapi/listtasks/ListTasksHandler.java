package dev.taskapi.listtasks;

import dev.taskapi.api.CursorCodec;
import dev.taskapi.api.PageLimit;
import dev.taskapi.api.TaskListResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.domain.TaskSort;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /tasks}: the caller's tasks, a page per request, filtered and ordered as the query says
 * ({@link TaskQuery}); newest first by default. Every query goes to {@link TaskStore#query}, the seed's listings
 * included, with or without {@code completed}: creation order is {@code created_at}'s, which ids no longer give
 * once clients choose them, so {@code completed} alone is no longer read in id order from the by-completed index. A
 * cursor of the seed's listings issued before that (a task id, 43 characters) continues where it stopped: its
 * task's id was the server's, which carries its creation time.
 */
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
    List<FieldError> errors = new ArrayList<>();
    int limit = PageLimit.parse(request.queryParameter("limit"), DEFAULT_LIMIT, MAX_LIMIT, errors);
    TaskQuery query = TaskQuery.parse(request::queryParameter, errors);
    // A cursor continues only the listing it came from: the same user and the same query, every filter and the sort.
    String listing = query.canonical();
    Optional<String> cursor = request.queryParameter("cursor");
    Optional<String> after =
        cursor.map(
            c ->
                query.isSeedListing() && c.length() == CursorCodec.ID_CURSOR_LENGTH
                    ? TaskSort.createdKeyOfServerId(cursors.decode(userId, listing, c))
                    : cursors.decodePosition(userId, listing, c));
    TaskQuery.Page page = tasks.query(userId, query, limit, after);
    String next = page.next().map(position -> cursors.encodePosition(userId, listing, position)).orElse(null);
    return ApiResponse.ok(new TaskListResponse(views(page.tasks()), next));
  }

  private static List<TaskView> views(List<Task> tasks) {
    return tasks.stream().map(TaskView::of).toList();
  }
}
