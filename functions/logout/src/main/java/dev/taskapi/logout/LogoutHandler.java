package dev.taskapi.logout;

import dev.taskapi.api.LogoutRequest;
import dev.taskapi.api.MessageResponse;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.SessionStore;
import dev.taskapi.store.UserStore;

/**
 * {@code POST /auth/logout} (Bearer): {@code {"refresh_token"}} revokes that session's family; {@code {"all":
 * true}} increments the account's token version, which revokes every refresh-token family of the account and
 * stops every access token at the authorizer (within its cache period, AuthorizerCacheTtlSeconds). It holds no
 * signing key: it issues nothing.
 */
public final class LogoutHandler extends ApiHandler {
  private final SessionStore sessions;
  private final UserStore users;

  /** Lambda's entry point: production wiring from the function's environment. */
  public LogoutHandler() {
    Services services = Services.fromEnvironment();
    this(services.sessionStore(), services.userStore(), services.cors());
  }

  public LogoutHandler(SessionStore sessions, UserStore users, Cors cors) {
    super(cors);
    this.sessions = sessions;
    this.users = users;
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
    Sessions.family(logout.refreshToken()).filter(family -> family.userId().equals(caller))
        .ifPresent(family -> sessions.revoke(caller, family.familyId()));
    return ApiResponse.ok(new MessageResponse("Logged out"));
  }
}
