package dev.taskapi.updatelist;

import dev.taskapi.api.ListChangedResponse;
import dev.taskapi.api.ListRequest;
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
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PATCH /lists/{list_id}}: renames a list in one conditional write; with {@code If-Match}, only if the list
 * is still at that version (else 412), as {@code PATCH /tasks/{task_id}}. The default list is renamed like any.
 */
public final class UpdateListHandler extends ApiHandler {
  private final ListStore lists;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public UpdateListHandler() {
    Services services = Services.fromEnvironment();
    this(services.listStore(), services.clock(), services.cors());
  }

  public UpdateListHandler(ListStore lists, Clock clock, Cors cors) {
    super(cors);
    this.lists = lists;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String listId = request.listId();
    Optional<Long> requiredVersion = EntityTag.requiredVersion(request);
    ListRequest changes = ListRequest.parse(request.jsonObjectBody());
    TaskList list =
        lists
            .rename(request.userId(), listId, changes.title(), requiredVersion, clock.instant())
            .orElseThrow(NotFoundException::noSuchList);
    return new ApiResponse(
        200, new ListChangedResponse("List updated", ListView.of(list)), Map.of(EntityTag.ETAG, EntityTag.of(list.version())));
  }
}
