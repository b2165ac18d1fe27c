package dev.taskapi.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The password-attempt window of each email address (any letter case), whether or not an account exists, so that
 * being rate limited never reveals which addresses are registered.
 */
public interface LoginStore {
  /**
   * Reserves one password check in one conditional write, before the password is checked: counts it in the window
   * open at {@code now} while that holds fewer than {@code maxAttempts}, or opens a new window ending at
   * {@code newWindowEnd} when there is none (or it has expired). Of concurrent calls at most {@code maxAttempts}
   * per window succeed.
   *
   * @return empty when reserved; otherwise the end of the full window (nothing was written)
   */
  Optional<Instant> reserve(String email, Instant now, int maxAttempts, Instant newWindowEnd);

  /** Ends the window of {@code email}: after a successful check, or with its account. */
  void clear(String email);
}
