package dev.taskapi.login;

import dev.taskapi.api.AuthResponse;
import dev.taskapi.api.LoginRequest;
import dev.taskapi.auth.LoginLimit;
import dev.taskapi.auth.PasswordHasher;
import dev.taskapi.auth.TokenService;
import dev.taskapi.config.Services;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.LoginState;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.store.LoginStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@code POST /auth}: exchanges email and password for a token. */
public final class LoginHandler extends ApiHandler {
  private final LoginStore logins;
  private final LoginLimit limit;
  private final Clock clock;
  private final PasswordHasher hasher;
  private final TokenService tokens;

  /** Lambda's entry point: production wiring from the function's environment. */
  public LoginHandler() {
    this(System.getenv());
  }

  public LoginHandler(Map<String, String> environment) {
    this(Services.fromEnvironment(environment));
  }

  private LoginHandler(Services services) {
    this(
        services.loginStore(),
        services.loginLimit(),
        services.clock(),
        services.passwordHasher(),
        services.tokenService(),
        services.cors());
  }

  public LoginHandler(
      LoginStore logins, LoginLimit limit, Clock clock, PasswordHasher hasher, TokenService tokens, Cors cors) {
    super(cors);
    this.logins = logins;
    this.limit = limit;
    this.clock = clock;
    this.hasher = hasher;
    this.tokens = tokens;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    LoginRequest login = LoginRequest.parse(request.jsonObjectBody());
    Instant now = clock.instant();
    LoginState state = logins.find(login.email());
    // Checked before the password, and for unknown emails too: a refusal reveals neither.
    limit.check(state.failures(), now);
    Optional<User> user = state.user();
    // An unknown email costs one verification too, so response time does not reveal which accounts exist.
    boolean verified =
        user.isPresent()
            ? hasher.verify(login.password(), user.get().passwordHash())
            : hasher.verifyAgainstDummy(login.password());
    if (!verified) {
      logins.recordFailure(login.email(), now, limit.windowEnd(now));
      throw new AuthenticationFailedException("Invalid email or password.");
    }
    if (state.failures().isPresent()) {
      logins.clearFailures(login.email());
    }
    return ApiResponse.ok(AuthResponse.of("Authentication successful", user.get(), tokens.issue(user.get().id(), user.get().email(), user.get().tokenVersion())));
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
