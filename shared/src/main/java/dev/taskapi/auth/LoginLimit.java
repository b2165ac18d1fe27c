package dev.taskapi.auth;

import dev.taskapi.domain.FailedLogins;
import dev.taskapi.domain.TooManyRequestsException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At most {@code maxFailures} failed logins per email address in a fixed window that opens with the first
 * failure; once reached, logins for that address are refused with 429 until the window ends, without checking
 * the password (so the refusal is no oracle). Failures while locked are not counted, so nobody can extend a
 * lock-out past the end of its window. The trade-off is in SECURITY.md.
 */
public record LoginLimit(int maxFailures, Duration window) {
  /** 10 failures in 15 minutes: about 1,000 guesses a day per account at most, a lock-out of 15 minutes at most. */
  public static final LoginLimit DEFAULT = new LoginLimit(10, Duration.ofMinutes(15));

  /** Throws when {@code failures} has reached the limit at {@code now}. */
  public void check(Optional<FailedLogins> failures, Instant now) {
    failures
        .filter(f -> f.activeAt(now) && f.count() >= maxFailures)
        .ifPresent(
            f -> {
              // Round up, so a client that waits exactly Retry-After seconds finds the window over.
              long wait = Math.max(1, (Duration.between(now, f.expiresAt()).toMillis() + 999) / 1000);
              throw new TooManyRequestsException(
                  "Too many failed logins for this account; retry after the time in Retry-After.", wait);
            });
  }

  /** When a window opened by a failure at {@code now} ends. */
  public Instant windowEnd(Instant now) {
    return now.plus(window);
  }
}
