package dev.taskapi.sync;

import dev.taskapi.api.PageLimit;
import dev.taskapi.api.SyncResponse;
import dev.taskapi.api.SyncTokenCodec;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.SyncToken;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.SyncFeed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /sync}: without a token the whole state, with {@code token} what changed since, a page at a time
 * ({@link SyncFeed}); the client asks again with the answer's token while {@code has_more} is true. Other query
 * parameters are ignored, as {@code GET /tasks} ignores them.
 */
public final class SyncHandler extends ApiHandler {
  /** Items (or ids named by changes) per page; a page of changes is one BatchGetItem per 100 of them. */
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final SyncFeed feed;
  private final SyncTokenCodec tokens;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public SyncHandler() {
    Services services = Services.fromEnvironment();
    this(new SyncFeed(services.syncStore(), services.clock()), services.syncTokenCodec(), services.clock(), services.cors());
  }

  public SyncHandler(SyncFeed feed, SyncTokenCodec tokens, Clock clock, Cors cors) {
    super(cors);
    this.feed = feed;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String userId = request.userId();
    List<FieldError> errors = new ArrayList<>();
    int limit = PageLimit.parse(request.queryParameter("limit"), DEFAULT_LIMIT, MAX_LIMIT, errors);
    Optional<SyncToken> token = Optional.empty();
    try {
      token = request.queryParameter("token").map(text -> tokens.decode(userId, text, clock.instant()));
    } catch (InvalidRequestException malformed) {
      errors.addAll(malformed.fieldErrors()); // one 400 names every wrong parameter
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The query parameters are not valid.", errors);
    }
    SyncFeed.Page page = feed.page(userId, token, limit);
    return ApiResponse.ok(new SyncResponse(page.items(), tokens.encode(userId, page.next()), page.more()));
  }
}
