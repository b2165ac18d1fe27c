package dev.taskapi.createlist;

import dev.taskapi.api.NewListRequest;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.ListWrites;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;
import java.time.Clock;

/**
 * {@code POST /lists}: creates a list owned by the caller, while the account exists and has fewer than its limit
 * of lists (409 past it). The write itself is {@link ListWrites#create}, shared with {@code POST /batch}.
 */
public final class CreateListHandler extends ApiHandler {
  private final ListWrites writes;

  /** Lambda's entry point: production wiring from the function's environment. */
  public CreateListHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    this(services.listStore(), services.clock(), services.cors());
  }

  public CreateListHandler(ListStore lists, Clock clock, Cors cors) {
    super(cors);
    this.writes = new ListWrites(lists, clock);
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    NewListRequest draft = NewListRequest.parse(request.jsonObjectBody());
    return writes.create(request.userId(), request.callerEmail(), draft);
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 201 ? "ListsCreated" : null;
  }
}
