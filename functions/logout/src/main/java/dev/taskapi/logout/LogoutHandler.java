package dev.taskapi.logout;

import dev.taskapi.api.LogoutRequest;
import dev.taskapi.api.MessageResponse;
import dev.taskapi.auth.Sessions;
import dev.taskapi.auth.TokenConfig;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.SessionStore;
import dev.taskapi.store.UserStore;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code POST /auth/logout} (Bearer): {@code {"refresh_token"}} ends that session, its refresh-token family and
 * (within the authorizer's cache period) its access tokens; {@code {"all":
 * true}} increments the account's token version, which revokes every refresh-token family of the account and
 * stops every access token at the authorizer (within its cache period, AuthorizerCacheTtlSeconds). It holds no
 * signing key: it issues nothing.
 */
public final class LogoutHandler extends ApiHandler {
  private final SessionStore sessions;
  private final UserStore users;
  private final Duration accessTokenTtl;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public LogoutHandler() {
    Services services = Services.fromEnvironment();
    this(services.sessionStore(), services.userStore(), TokenConfig.accessTokenTtl(Environment.current()),
        services.clock(), services.cors());
  }

  public LogoutHandler(SessionStore sessions, UserStore users, Duration accessTokenTtl, Clock clock, Cors cors) {
    super(cors);
    this.sessions = sessions;
    this.users = users;
    this.accessTokenTtl = accessTokenTtl;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String caller = request.userId(); // first: it refuses a request with several Authorization headers
    LogoutRequest logout = LogoutRequest.parse(request.jsonObjectBody());
    if (logout.all()) {
      if (!users.revokeTokens(request.callerEmail(), caller)) {
        throw new NotFoundException("This account no longer exists.");
      }
      return ApiResponse.ok(new MessageResponse("Logged out of every session"));
    }
    // A token that is not the caller's, or no longer valid, has nothing left to end: the same answer (RFC 7009,
    // section 2.2: an invalid token is not an error of revocation).
    // Ending it also ends its access tokens (the authorizer refuses them), not only its refresh token.
    Sessions.family(logout.refreshToken()).filter(family -> family.userId().equals(caller)).ifPresent(family ->
        Sessions.end(sessions, request.callerEmail(), caller, family.familyId(), accessTokenTtl, clock));
    return ApiResponse.ok(new MessageResponse("Logged out"));
  }
}
