package dev.taskapi.register;

import dev.taskapi.api.RegistrationRequest;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.passwordstrength.PasswordStrength;
import dev.taskapi.services.Services;
import dev.taskapi.store.UserStore;
import java.time.Clock;
import java.util.UUID;

/** {@code POST /auth/register}: creates an account and signs the caller in. */
public final class RegisterHandler extends ApiHandler {
  private final UserStore users;
  private final PasswordHasher hasher;
  private final PasswordStrength strength;
  private final Sessions sessions;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public RegisterHandler() {
    Services services = Services.fromEnvironment();
    this(services.userStore(), services.passwordHasher(), new PasswordStrength(), services.sessions(), services.clock(),
        services.cors());
  }

  public RegisterHandler(
      UserStore users, PasswordHasher hasher, PasswordStrength strength, Sessions sessions, Clock clock, Cors cors) {
    super(cors);
    this.users = users;
    this.hasher = hasher;
    this.strength = strength;
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    RegistrationRequest registration = RegistrationRequest.parse(request.jsonObjectBody());
    strength.require("password", registration.password(), registration.username(), registration.email());
    User user =
        new User(
            UUID.randomUUID().toString(),
            registration.username(),
            registration.email(),
            hasher.hash(registration.password()),
            clock.instant());
    users.create(user); // one conditional write: a second account for the same email is a 409
    return ApiResponse.ok(sessions.start("User registered successfully", user));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "Registrations" : null;
  }
}
