package dev.taskapi.createlist;

import dev.taskapi.api.ListChangedResponse;
import dev.taskapi.api.NewListRequest;
import dev.taskapi.api.ListView;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.EntityTag;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.services.Services;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.TakenId;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /lists}: creates a list owned by the caller, while the account exists and has fewer than its limit
 * of lists (409 past it). With a {@code uuid}, the list gets the id the client chose: the same uuid and title again
 * answers 201 with the list as it is now and {@code Idempotent-Replayed: true}; another title under a uuid of the
 * caller's is a 409.
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
    NewListRequest draft = NewListRequest.parse(request.jsonObjectBody());
    // A server's id is a UUIDv7, as a task's: created_at is the instant it carries.
    TaskList list = draft.list(ids.next(clock.millis()).toString(), clock.instant(), request.userId());
    Optional<TakenId<TaskList>> taken = lists.create(list, draft.clientFingerprint(), request.callerEmail());
    // Taken without a client id: the SDK retried a transaction whose answer was lost after it landed; this list.
    boolean replayed = taken.isPresent() && draft.clientFingerprint().isPresent();
    TaskList answer = replayed ? taken.get().replayOf(draft.clientFingerprint().get(), "lists") : list;
    Map<String, String> headers = new HashMap<>(Map.of(EntityTag.ETAG, EntityTag.of(answer.version())));
    if (replayed) {
      headers.put(IdempotencyKey.REPLAYED_HEADER, "true");
    }
    return new ApiResponse(201, new ListChangedResponse("List created", ListView.of(answer)), headers);
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 201 && !response.headers().containsKey(IdempotencyKey.REPLAYED_HEADER)
        ? "ListsCreated"
        : null;
  }
}
