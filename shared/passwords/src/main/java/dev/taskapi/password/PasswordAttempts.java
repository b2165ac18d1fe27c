package dev.taskapi.password;

import dev.taskapi.store.LoginStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Every password check of the API (login, and the password entered again to change it or delete the account),
 * limited per account by one {@link LoginLimit}: the check is first reserved in the {@link LoginStore} with one
 * conditional write, and only then does Argon2 run. So however many requests race, at most
 * {@link LoginLimit#maxAttempts()} passwords are checked per account and window; the others get a 429 without
 * any check.
 */
public final class PasswordAttempts {
  private final LoginStore store;
  private final LoginLimit limit;
  private final Clock clock;
  private final PasswordHasher hasher;

  public PasswordAttempts(LoginStore store, LoginLimit limit, Clock clock, PasswordHasher hasher) {
    this.store = store;
    this.limit = limit;
    this.clock = clock;
    this.hasher = hasher;
  }

  /**
   * Whether {@code password} matches {@code passwordHash}, the hash of the account registered under {@code email};
   * with no hash (no such account) it is verified against a dummy hash, so the answer takes as long and is false.
   * A match ends the account's window.
   *
   * @throws dev.taskapi.domain.TooManyRequestsException when the account's window is full: nothing was checked
   */
  public boolean verify(String email, String password, Optional<String> passwordHash) {
    Instant now = clock.instant();
    Optional<Instant> fullUntil = store.reserve(email, now, limit.maxAttempts(), limit.windowEnd(now));
    if (fullUntil.isPresent()) {
      throw limit.refusal(now, fullUntil.get());
    }
    boolean matches =
        passwordHash.isPresent()
            ? hasher.verify(password, passwordHash.get())
            : hasher.verifyAgainstDummy(password);
    if (matches) {
      store.clear(email);
    }
    return matches;
  }
}
