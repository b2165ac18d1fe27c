package dev.taskapi.passwordreset;

import dev.taskapi.api.MessageResponse;
import dev.taskapi.api.PasswordResetRequest;
import dev.taskapi.auth.OpaqueTokens;
import dev.taskapi.auth.ResetTokens;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.PasswordReset;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.mail.Mailer;
import dev.taskapi.mail.SesMailer;
import dev.taskapi.services.Services;
import dev.taskapi.store.LoginStore;
import dev.taskapi.store.PasswordResetStore;
import dev.taskapi.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /auth/password-reset}: mails a single-use reset link to the address's account, if it has one.
 *
 * <p>It must not tell whether an account exists (SECURITY.md): every well-formed request answers the same 202 and
 * body, counts against the address's mail limit whether or not it is registered, and is answered no sooner than
 * {@code answerTime} after it arrived, which is longer than writing the token and calling SES take, so the
 * answer's timing does not show whether a mail was sent. A failure to send is logged (never the token) and
 * answered the same.
 */
public final class PasswordResetHandler extends ApiHandler {
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);
  static final int MAILS_PER_WINDOW = 3;
  static final Duration MAIL_WINDOW = Duration.ofHours(1);
  static final String ACCEPTED =
      "If an account exists for this address, a link to reset its password is on its way.";

  private final UserStore users;
  private final PasswordResetStore resets;
  private final LoginStore mailWindows;
  private final Mailer mailer;
  private final ResetLinks links;
  private final Duration answerTime;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public PasswordResetHandler() {
    Services services = Services.fromEnvironment();
    Environment env = Environment.current();
    this(services.userStore(), services.passwordResetStore(), services.passwordResetMailWindows(),
        SesMailer.fromEnvironment(env), ResetLinks.fromEnvironment(env),
        Duration.ofMillis(env.longValue("PASSWORD_RESET_ANSWER_MS", 1000)), services.clock(), services.cors());
  }

  public PasswordResetHandler(UserStore users, PasswordResetStore resets, LoginStore mailWindows, Mailer mailer,
      ResetLinks links, Duration answerTime, Clock clock, Cors cors) {
    super(cors);
    this.users = users;
    this.resets = resets;
    this.mailWindows = mailWindows;
    this.mailer = mailer;
    this.links = links;
    this.answerTime = answerTime;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    long arrived = System.nanoTime();
    // A malformed body is refused at once: that answer is the same for every address.
    PasswordResetRequest reset = PasswordResetRequest.parse(request.jsonObjectBody());
    try {
      mailIfAllowed(reset.email());
    } finally {
      waitUntil(arrived + answerTime.toNanos());
    }
    return new ApiResponse(202, new MessageResponse(ACCEPTED), Map.of());
  }

  private void mailIfAllowed(String email) {
    Instant now = clock.instant();
    Optional<User> account = users.findByEmail(email);
    boolean allowed = mailWindows.reserve(email, now, MAILS_PER_WINDOW, now.plus(MAIL_WINDOW)).isEmpty();
    if (account.isEmpty() || !allowed) {
      return;
    }
    User user = account.get();
    String token = ResetTokens.issue(user.id());
    resets.create(new PasswordReset(
        OpaqueTokens.hash(token), user.id(), user.email(), user.tokenVersion(), now.plus(TOKEN_LIFETIME)));
    try {
      mailer.send(ResetMail.of(user.email(), links.link(token), TOKEN_LIFETIME.toMinutes()));
    } catch (RuntimeException e) {
      // Answered as if sent: an error here would tell that the address has an account.
      System.err.println("Password reset mail not sent: " + e.getClass().getSimpleName());
    }
  }

  private static void waitUntil(long nanoTime) {
    long remaining = nanoTime - System.nanoTime();
    if (remaining > 0) {
      try {
        Thread.sleep(Duration.ofNanos(remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 202 ? "PasswordResetsRequested" : null;
  }
}
