package dev.taskapi.listlists;

import dev.taskapi.api.ListView;
import dev.taskapi.api.ListsResponse;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;

/**
 * {@code GET /lists}: all the caller's lists, the default one first, in one page (an account has at most 101).
 */
public final class ListListsHandler extends ApiHandler {
  private final ListStore lists;

  /** Lambda's entry point: production wiring from the function's environment. */
  public ListListsHandler() {
    Services services = Services.fromEnvironment();
    this(services.listStore(), services.cors());
  }

  public ListListsHandler(ListStore lists, Cors cors) {
    super(cors);
    this.lists = lists;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return ApiResponse.ok(new ListsResponse(lists.all(request.userId()).stream().map(ListView::of).toList()));
  }
}
