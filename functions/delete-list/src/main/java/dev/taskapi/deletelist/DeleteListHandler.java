package dev.taskapi.deletelist;

import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.ListDeletion;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;
import java.time.Duration;

/**
 * {@code DELETE /lists/{list_id}}: deletes one of the caller's lists and every task in it. The list reads as absent
 * from the first request on; a list with more tasks than one request can delete in its budget answers 503 with
 * Retry-After, and repeating the request continues, as the account's deletion does. The default list is a 409.
 * The write itself is {@link ListDeletion#delete}, shared with {@code POST /batch}.
 */
public final class DeleteListHandler extends ApiHandler {
  private final ListDeletion writes;

  /** Lambda's entry point: production wiring from the function's environment. */
  public DeleteListHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    services.primeQueries();
    this(services.listStore(), services.deletionBudget(), services.cors());
  }

  public DeleteListHandler(ListStore lists, Duration budget, Cors cors) {
    super(cors);
    this.writes = new ListDeletion(lists, budget);
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return writes.delete(request.userId(), request.listId());
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "ListsDeleted" : null;
  }
}
