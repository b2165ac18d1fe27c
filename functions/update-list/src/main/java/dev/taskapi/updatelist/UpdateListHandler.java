package dev.taskapi.updatelist;

import dev.taskapi.api.ListRequest;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.EntityTag;
import dev.taskapi.services.ListWrites;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code PATCH /lists/{list_id}}: renames a list in one conditional write; with {@code If-Match}, only if the list
 * is still at that version (else 412), as {@code PATCH /tasks/{task_id}}. The default list is renamed like any.
 * The write itself is {@link ListWrites#rename}, shared with {@code POST /batch}.
 */
public final class UpdateListHandler extends ApiHandler {
  private final ListWrites writes;

  /** Lambda's entry point: production wiring from the function's environment. */
  public UpdateListHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    services.primeBatchGets();
    this(services.listStore(), services.clock(), services.cors());
  }

  public UpdateListHandler(ListStore lists, Clock clock, Cors cors) {
    super(cors);
    this.writes = new ListWrites(lists, clock);
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String listId = request.listId();
    Optional<Long> requiredVersion = EntityTag.requiredVersion(request);
    ListRequest changes = ListRequest.parse(request.jsonObjectBody());
    return writes.rename(request.userId(), listId, changes, requiredVersion);
  }
}
