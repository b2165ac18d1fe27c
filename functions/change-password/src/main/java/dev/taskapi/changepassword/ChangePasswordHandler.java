package dev.taskapi.changepassword;

import dev.taskapi.api.PasswordChangeRequest;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.ForbiddenException;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.config.Environment;
import dev.taskapi.http.Cors;
import dev.taskapi.mail.AccountNotices;
import dev.taskapi.mail.SesMailer;
import dev.taskapi.password.PasswordAttempts;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.passwordstrength.PasswordStrength;
import dev.taskapi.services.Services;
import dev.taskapi.store.Accounts;
import dev.taskapi.store.UserStore;
import java.util.Optional;

/**
 * {@code POST /auth/password}: replaces the caller's password once the current one is given, and increments the
 * account's token version, so every access token issued before stops passing the authorizer and every refresh
 * token issued before is refused. Answers a new sign-in (access and refresh token).
 */
public final class ChangePasswordHandler extends ApiHandler {
  private final UserStore users;
  private final PasswordAttempts attempts;
  private final PasswordHasher hasher;
  private final PasswordStrength strength;
  private final Sessions sessions;
  private final AccountNotices notices;

  /** Lambda's entry point: production wiring from the function's environment. */
  public ChangePasswordHandler() {
    Services services = Services.fromEnvironment();
    this(
        services.userStore(),
        services.passwordAttempts(),
        services.passwordHasher(),
        new PasswordStrength(),
        services.sessions(),
        new AccountNotices(SesMailer.fromEnvironment(Environment.current())),
        services.cors());
  }

  public ChangePasswordHandler(
      UserStore users,
      PasswordAttempts attempts,
      PasswordHasher hasher,
      PasswordStrength strength,
      Sessions sessions,
      AccountNotices notices,
      Cors cors) {
    super(cors);
    this.users = users;
    this.attempts = attempts;
    this.hasher = hasher;
    this.strength = strength;
    this.sessions = sessions;
    this.notices = notices;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    PasswordChangeRequest change = PasswordChangeRequest.parse(request.jsonObjectBody());
    User user = Accounts.caller(users, request.callerEmail(), request.userId());
    // Before the current password is checked, so a guessable new one does not spend one of the account's attempts.
    strength.require("new_password", change.newPassword(), user.username(), user.email());
    // Limited with the account's logins: a stolen token must not become an unlimited password oracle.
    if (!attempts.verify(user.email(), change.currentPassword(), Optional.of(user.passwordHash()))) {
      throw new ForbiddenException("The current password is not correct.");
    }
    User changed =
        users
            .changePassword(user, hasher.hash(change.newPassword()))
            .orElseThrow(() -> new ConflictException("The account changed meanwhile; nothing was changed. Retry."));
    notices.passwordChanged(changed.email()); // ASVS 2.2.3; never fails the change, which has happened
    return ApiResponse.ok(sessions.start("Password changed", changed));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "PasswordsChanged" : null;
  }
}
