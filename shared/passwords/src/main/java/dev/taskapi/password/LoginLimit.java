package dev.taskapi.password;

import dev.taskapi.domain.TooManyRequestsException;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code maxAttempts} password checks per account (per normalized email address, registered or not) in a
 * fixed window that opens with the first one; a successful check ends the window. Each check is reserved in the
 * store before Argon2 runs ({@link PasswordAttempts}), so concurrent guesses cannot pass the limit; once the
 * window is full, the password is not checked at all until it ends (so the refusal is no oracle), and refused
 * attempts are not counted, so nobody can extend a lock-out past its window. The trade-off is in SECURITY.md.
 */
public record LoginLimit(int maxAttempts, Duration window) {
  /** 10 checks in 15 minutes: about 1,000 guesses a day per account at most, a lock-out of 15 minutes at most. */
  public static final LoginLimit DEFAULT = new LoginLimit(10, Duration.ofMinutes(15));

  /** When a window opened at {@code now} ends. */
  public Instant windowEnd(Instant now) {
    return now.plus(window);
  }

  /** The 429 for a full window ending at {@code windowEnd}, with the seconds until then as Retry-After. */
  TooManyRequestsException refusal(Instant now, Instant windowEnd) {
    // Round up, so a client that waits exactly Retry-After seconds finds the window over.
    long wait = Math.max(1, (Duration.between(now, windowEnd).toMillis() + 999) / 1000);
    return new TooManyRequestsException(
        "Too many failed password attempts for this account; retry after the time in Retry-After.", wait);
  }
}
