package dev.taskapi.getlist;

import dev.taskapi.api.ListResponse;
import dev.taskapi.api.ListView;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.TaskList;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.EntityTag;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;
import java.util.Map;

/** {@code GET /lists/{list_id}}: one of the caller's lists, with its version as the ETag. */
public final class GetListHandler extends ApiHandler {
  private final ListStore lists;

  /** Lambda's entry point: production wiring from the function's environment. */
  public GetListHandler() {
    Services services = Services.fromEnvironment();
    this(services.listStore(), services.cors());
  }

  public GetListHandler(ListStore lists, Cors cors) {
    super(cors);
    this.lists = lists;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String listId = request.listId();
    // The key includes the caller's id, so another user's list is simply absent: the same 404, by design.
    TaskList list = lists.find(request.userId(), listId).orElseThrow(NotFoundException::noSuchList);
    return new ApiResponse(200, new ListResponse(ListView.of(list)), Map.of(EntityTag.ETAG, EntityTag.of(list.version())));
  }
}
