package dev.taskapi.register;

import dev.taskapi.api.AuthResponse;
import dev.taskapi.api.RegistrationRequest;
import dev.taskapi.auth.TokenService;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.services.Services;
import dev.taskapi.store.UserStore;
import java.time.Clock;
import java.util.UUID;

/** {@code POST /auth/register}: creates an account and signs the caller in. */
public final class RegisterHandler extends ApiHandler {
  private final UserStore users;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public RegisterHandler() {
    Services services = Services.fromEnvironment();
    this(services.userStore(), services.passwordHasher(), services.tokenService(), services.clock(), services.cors());
  }

  public RegisterHandler(UserStore users, PasswordHasher hasher, TokenService tokens, Clock clock, Cors cors) {
    super(cors);
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    RegistrationRequest registration = RegistrationRequest.parse(request.jsonObjectBody());
    User user =
        new User(
            UUID.randomUUID().toString(),
            registration.username(),
            registration.email(),
            hasher.hash(registration.password()),
            clock.instant());
    users.create(user); // one conditional write: a second account for the same email is a 409
    return ApiResponse.ok(AuthResponse.of("User registered successfully", user, tokens.issue(user.id(), user.email(), user.tokenVersion())));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "Registrations" : null;
  }
}
