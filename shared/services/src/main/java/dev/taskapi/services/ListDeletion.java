package dev.taskapi.services;

import dev.taskapi.api.MessageResponse;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.store.ListStore;
import java.time.Duration;

/**
 * A list's deletion, answering exactly what {@code DELETE /lists/{list_id}} answers: that route calls it, and so
 * does {@code POST /batch} for each of its {@code delete_list} operations. Failures are
 * {@link dev.taskapi.domain.DomainException}s, turned into problems by the caller.
 */
public final class ListDeletion {
  private final ListStore lists;
  private final Duration deletionBudget;

  public ListDeletion(ListStore lists, Duration deletionBudget) {
    this.lists = lists;
    this.deletionBudget = deletionBudget;
  }

  /**
   * {@code DELETE /lists/{list_id}}: the list and every task in it; 503 with Retry-After when its tasks take more
   * than the deletion budget (repeating continues); the default list is a 409.
   */
  public ApiResponse delete(String userId, String listId) {
    return delete(userId, listId, deletionBudget);
  }

  /** {@link #delete(String, String)} within {@code budget} rather than the function's whole deletion budget. */
  public ApiResponse delete(String userId, String listId, Duration budget) {
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
}
