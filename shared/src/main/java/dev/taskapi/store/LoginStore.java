package dev.taskapi.store;

import dev.taskapi.domain.LoginState;
import java.time.Instant;

/**
 * What a login reads and writes: the account and the failed-login record of an email address (any letter case),
 * whether or not an account exists, so that being rate limited never reveals which addresses are registered.
 */
public interface LoginStore {
  /** The account and the failed-login record of {@code email}, read together and strongly consistently. */
  LoginState find(String email);

  /**
   * Counts one failed login: adds it to the window that is open at {@code now}, or opens a new window ending at
   * {@code newWindowEnd} when there is none (or it has expired).
   */
  void recordFailure(String email, Instant now, Instant newWindowEnd);

  /** Forgets the failed logins of {@code email} (after a successful login). */
  void clearFailures(String email);
}
