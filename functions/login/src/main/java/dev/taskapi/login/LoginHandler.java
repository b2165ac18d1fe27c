package dev.taskapi.login;

import dev.taskapi.api.AuthResponse;
import dev.taskapi.api.LoginRequest;
import dev.taskapi.auth.PasswordHasher;
import dev.taskapi.auth.TokenService;
import dev.taskapi.config.Services;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.store.UserStore;
import java.util.Map;
import java.util.Optional;

/** {@code POST /auth}: exchanges email and password for a token. */
public final class LoginHandler extends ApiHandler {
  private final UserStore users;
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
    this(services.userStore(), services.passwordHasher(), services.tokenService(), services.cors());
  }

  public LoginHandler(UserStore users, PasswordHasher hasher, TokenService tokens, Cors cors) {
    super(cors);
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    LoginRequest login = LoginRequest.parse(request.jsonObjectBody());
    Optional<User> user = users.findByEmail(login.email());
    // An unknown email costs one verification too, so response time does not reveal which accounts exist.
    boolean verified =
        user.isPresent()
            ? hasher.verify(login.password(), user.get().passwordHash())
            : hasher.verifyAgainstDummy(login.password());
    if (!verified) {
      throw new AuthenticationFailedException("Invalid email or password.");
    }
    return ApiResponse.ok(AuthResponse.of("Authentication successful", user.get(), tokens.issue(user.get().id(), user.get().email(), user.get().tokenVersion())));
  }
}
