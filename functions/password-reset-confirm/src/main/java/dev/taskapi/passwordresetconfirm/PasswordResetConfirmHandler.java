package dev.taskapi.passwordresetconfirm;

import dev.taskapi.api.PasswordResetConfirmation;
import dev.taskapi.auth.OpaqueTokens;
import dev.taskapi.auth.ResetTokens;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.PasswordReset;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.config.Environment;
import dev.taskapi.http.Cors;
import dev.taskapi.mail.AccountNotices;
import dev.taskapi.mail.SesMailer;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.passwordstrength.PasswordStrength;
import dev.taskapi.services.Services;
import dev.taskapi.store.PasswordResetStore;
import dev.taskapi.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /auth/password-reset/confirm}: sets a new password with a token from a reset mail and signs the
 * caller in. The token is used up in the same write that reads it, so it works once; the password change raises
 * the account's token version, which voids every access and refresh token and every other reset token issued
 * before. An unknown, used, expired or voided token is the one same 400.
 */
public final class PasswordResetConfirmHandler extends ApiHandler {
  /** Ours are about 80 characters; longer input is not one of ours and is refused without a lookup. */
  private static final int MAX_TOKEN_LENGTH = 256;

  private final PasswordResetStore resets;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final PasswordStrength strength;
  private final Sessions sessions;
  private final AccountNotices notices;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public PasswordResetConfirmHandler() {
    Services services = Services.fromEnvironment();
    this(services.passwordResetStore(), services.userStore(), services.passwordHasher(), new PasswordStrength(),
        services.sessions(), new AccountNotices(SesMailer.fromEnvironment(Environment.current())), services.clock(),
        services.cors());
  }

  public PasswordResetConfirmHandler(PasswordResetStore resets, UserStore users, PasswordHasher hasher,
      PasswordStrength strength, Sessions sessions, AccountNotices notices, Clock clock, Cors cors) {
    super(cors);
    this.resets = resets;
    this.users = users;
    this.hasher = hasher;
    this.strength = strength;
    this.sessions = sessions;
    this.notices = notices;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    // Validated before the token is used, so a too-short or guessable password does not spend the link. The
    // account (its username and address, words the estimate would count as free) is known only once the token is
    // spent, so here the estimate has no words of the account's: SECURITY.md, Password rules.
    PasswordResetConfirmation confirmation = PasswordResetConfirmation.parse(request.jsonObjectBody());
    strength.require("new_password", confirmation.newPassword());
    if (confirmation.token().length() > MAX_TOKEN_LENGTH) {
      throw invalidToken();
    }
    Instant now = clock.instant();
    String userId = ResetTokens.userId(confirmation.token()).orElseThrow(PasswordResetConfirmHandler::invalidToken);
    PasswordReset reset = resets.consume(userId, OpaqueTokens.hash(confirmation.token()))
        .filter(r -> now.isBefore(r.expiresAt()))
        .orElseThrow(PasswordResetConfirmHandler::invalidToken);
    User user = users.findByEmail(reset.email())
        .filter(u -> u.id().equals(reset.userId()) && u.tokenVersion() == reset.tokenVersion())
        .orElseThrow(PasswordResetConfirmHandler::invalidToken);
    User changed = users.changePassword(user, hasher.hash(confirmation.newPassword()))
        .orElseThrow(PasswordResetConfirmHandler::invalidToken);
    notices.passwordReset(changed.email()); // ASVS 2.2.3; never fails the reset, which has happened
    return ApiResponse.ok(
        sessions.open("Password reset", changed).orElseThrow(PasswordResetConfirmHandler::invalidToken));
  }

  private static InvalidRequestException invalidToken() {
    return new InvalidRequestException("The reset link is invalid, used or expired; ask for a new one.",
        List.of(new FieldError("token", "is invalid, used or expired")));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "PasswordsReset" : null;
  }
}
