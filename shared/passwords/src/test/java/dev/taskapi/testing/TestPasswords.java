package dev.taskapi.testing;

import dev.taskapi.password.LoginLimit;
import dev.taskapi.password.PasswordAttempts;
import dev.taskapi.password.PasswordHasher;

/** Cheap hashing parameters, so tests are fast, and password checks limited as in production. */
public final class TestPasswords {
  /** Argon2id at a cost of well under a millisecond; the format and the algorithm are the same as OWASP's. */
  public static final PasswordHasher.Params FAST = new PasswordHasher.Params(64, 1, 1);

  private TestPasswords() {}

  public static PasswordHasher fastHasher() {
    return new PasswordHasher(FAST);
  }

  /** Password checks with {@code hasher}, limited as in production, over an in-memory store at {@link TestCrypto#NOW}. */
  public static PasswordAttempts passwordAttempts(InMemoryLoginStore store, PasswordHasher hasher) {
    return new PasswordAttempts(store, LoginLimit.DEFAULT, TestCrypto.CLOCK, hasher);
  }
}
