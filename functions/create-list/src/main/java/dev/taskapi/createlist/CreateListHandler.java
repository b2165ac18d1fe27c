package dev.taskapi.createlist;

import dev.taskapi.api.ListChangedResponse;
import dev.taskapi.api.ListRequest;
import dev.taskapi.api.ListView;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.EntityTag;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /lists}: creates a list owned by the caller, while the account exists and has fewer than its limit
 * of lists (409 past it).
 */
public final class CreateListHandler extends ApiHandler {
  private final ListStore lists;
  private final Clock clock;
  private final TaskIds ids = new TaskIds();

  /** Lambda's entry point: production wiring from the function's environment. */
  public CreateListHandler() {
    Services services = Services.fromEnvironment();
    this(services.listStore(), services.clock(), services.cors());
  }

  public CreateListHandler(ListStore lists, Clock clock, Cors cors) {
    super(cors);
    this.lists = lists;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    ListRequest draft = ListRequest.parse(request.jsonObjectBody());
    // A UUIDv7, as a task's id: lists sort in creation order, and created_at is the instant the id carries.
    String id = ids.next(clock.millis()).toString();
    TaskList list =
        new TaskList(id, request.userId(), draft.title(), TaskIds.createdAt(id), TaskIds.createdAt(id),
            TaskList.FIRST_VERSION);
    lists.create(list, request.callerEmail());
    return new ApiResponse(
        201, new ListChangedResponse("List created", ListView.of(list)), Map.of(EntityTag.ETAG, EntityTag.of(list.version())));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 201 ? "ListsCreated" : null;
  }
}
