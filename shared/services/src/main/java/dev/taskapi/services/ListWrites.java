package dev.taskapi.services;

import dev.taskapi.api.ListChangedResponse;
import dev.taskapi.api.ListRequest;
import dev.taskapi.api.ListView;
import dev.taskapi.api.NewListRequest;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.EntityTag;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.TakenId;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The list create and rename, each answering exactly what its route answers: {@code POST /lists} and {@code PATCH
 * /lists/{list_id}} call these, and so does {@code POST /batch} for each of its operations (a deletion is
 * {@link ListDeletion}'s). Failures are {@link dev.taskapi.domain.DomainException}s, turned into problems by the caller.
 */
public final class ListWrites {
  private final ListStore lists;
  private final Clock clock;
  private final TaskIds ids = new TaskIds();

  public ListWrites(ListStore lists, Clock clock) {
    this.lists = lists;
    this.clock = clock;
  }

  /**
   * {@code POST /lists}: while the account exists and has fewer than its limit of lists (409 past it). With a
   * {@code uuid}, the list gets the id the client chose: the same uuid and title again answers 201 with the list as
   * it is now and {@code Idempotent-Replayed: true}; another title under a uuid of the caller's is a 409.
   */
  public ApiResponse create(String userId, String callerEmail, NewListRequest draft) {
    // A server's id is a UUIDv7, as a task's: created_at is the instant it carries.
    TaskList list = draft.list(ids.next(clock.millis()).toString(), clock.instant(), userId);
    Optional<TakenId<TaskList>> taken = lists.create(list, draft.clientFingerprint(), callerEmail);
    // Taken without a client id: the SDK retried a transaction whose answer was lost after it landed; this list.
    boolean replayed = taken.isPresent() && draft.clientFingerprint().isPresent();
    TaskList answer = replayed ? taken.get().replayOf(draft.clientFingerprint().get(), "lists") : list;
    ApiResponse created = answer(201, "List created", answer);
    if (!replayed) {
      return created;
    }
    Map<String, String> headers = new HashMap<>(created.headers());
    headers.put(IdempotencyKey.REPLAYED_HEADER, "true");
    return new ApiResponse(201, created.body(), headers);
  }

  /** {@code PATCH /lists/{list_id}}: renames, only at {@code requiredVersion} when given (else 412). */
  public ApiResponse rename(String userId, String listId, ListRequest changes, Optional<Long> requiredVersion) {
    TaskList list =
        lists
            .rename(userId, listId, changes.title(), requiredVersion, clock.instant())
            .orElseThrow(NotFoundException::noSuchList);
    return answer(200, "List updated", list);
  }

  private static ApiResponse answer(int status, String message, TaskList list) {
    return new ApiResponse(
        status, new ListChangedResponse(message, ListView.of(list)), Map.of(EntityTag.ETAG, EntityTag.of(list.version())));
  }
}
