package dev.taskapi.login;

import dev.taskapi.api.LoginRequest;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.password.PasswordAttempts;
import dev.taskapi.services.Services;
import dev.taskapi.store.UserStore;
import java.util.Optional;

/** {@code POST /auth}: exchanges email and password for an access token and a refresh token. */
public final class LoginHandler extends ApiHandler {
  private final UserStore users;
  private final PasswordAttempts attempts;
  private final Sessions sessions;

  /** Lambda's entry point: production wiring from the function's environment. */
  public LoginHandler() {
    Services services = Services.fromEnvironment();
    this(services.userStore(), services.passwordAttempts(), services.sessions(), services.cors());
  }

  public LoginHandler(UserStore users, PasswordAttempts attempts, Sessions sessions, Cors cors) {
    super(cors);
    this.users = users;
    this.attempts = attempts;
    this.sessions = sessions;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    LoginRequest login = LoginRequest.parse(request.jsonObjectBody());
    Optional<User> user = users.findByEmail(login.email());
    // Limited and verified alike for unknown emails (against a dummy hash): neither a 429 nor the response time
    // reveals which accounts exist.
    if (!attempts.verify(login.email(), login.password(), user.map(User::passwordHash))) {
      throw invalidCredentials();
    }
    // The session is stored only while the account exists and is not being deleted: a login racing the account's
    // deletion is answered as for an account that does not exist.
    return ApiResponse.ok(
        sessions.open("Authentication successful", user.get()).orElseThrow(LoginHandler::invalidCredentials));
  }

  private static AuthenticationFailedException invalidCredentials() {
    return new AuthenticationFailedException("Invalid email or password.");
  }

  /** Logins succeeded, refused (wrong email or password) and limited (too many failures): README, Operating it. */
  @Override
  protected String businessMetric(ApiResponse response) {
    return switch (response.status()) {
      case 200 -> "LoginsSucceeded";
      case 401 -> "LoginsFailed";
      case 429 -> "LoginsLimited";
      default -> null;
    };
  }
}
