package dev.taskapi.deletelist;

import dev.taskapi.api.MessageResponse;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;
import java.time.Duration;

/**
 * {@code DELETE /lists/{list_id}}: deletes one of the caller's lists and every task in it. The list reads as absent
 * from the first request on; a list with more tasks than one request can delete in its budget answers 503 with
 * Retry-After, and repeating the request continues, as the account's deletion does. The default list is a 409.
 */
public final class DeleteListHandler extends ApiHandler {
  private final ListStore lists;
  private final Duration budget;

  /** Lambda's entry point: production wiring from the function's environment. */
  public DeleteListHandler() {
    Services services = Services.fromEnvironment();
    this(services.listStore(), services.deletionBudget(), services.cors());
  }

  public DeleteListHandler(ListStore lists, Duration budget, Cors cors) {
    super(cors);
    this.lists = lists;
    this.budget = budget;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String listId = request.listId();
    String userId = request.userId();
    if (listId.equals(TaskLists.defaultListId(userId))) {
      throw new ConflictException("The default list cannot be deleted; rename it, or delete its tasks.");
    }
    return switch (lists.delete(userId, listId, budget)) {
      case DELETED -> ApiResponse.ok(new MessageResponse("List deleted"));
      case NOT_FOUND -> throw NotFoundException.noSuchList();
      case UNFINISHED ->
          throw new ServiceUnavailableException(
              "Many tasks are being deleted; repeat the request to finish deleting the list.", 1);
    };
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "ListsDeleted" : null;
  }
}
