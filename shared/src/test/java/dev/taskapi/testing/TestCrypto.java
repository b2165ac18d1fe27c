package dev.taskapi.testing;

import dev.taskapi.auth.LoginLimit;
import dev.taskapi.auth.PasswordAttempts;
import dev.taskapi.auth.PasswordHasher;
import dev.taskapi.auth.TokenService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Fixed keys, a fixed clock and cheap hashing parameters, so tests are fast and repeatable. */
public final class TestCrypto {
  public static final Instant NOW = Instant.parse("2025-03-04T05:06:07.089Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  public static final byte[] JWT_KEY = "test-jwt-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  public static final byte[] CURSOR_KEY = "test-cursor-mac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  public static final String ISSUER = "task-api";
  public static final String AUDIENCE = "task-api-clients";
  public static final Duration TTL = Duration.ofHours(1);

  /** Argon2id at a cost of well under a millisecond; the format and the algorithm are the same as OWASP's. */
  public static final PasswordHasher.Params FAST = new PasswordHasher.Params(64, 1, 1);

  private TestCrypto() {}

  public static TokenService tokenService() {
    return tokenService(CLOCK);
  }

  public static TokenService tokenService(Clock clock) {
    return new TokenService(JWT_KEY, ISSUER, AUDIENCE, TTL, clock);
  }

  public static PasswordHasher fastHasher() {
    return new PasswordHasher(FAST);
  }

  /** Password checks with {@code hasher}, limited as in production, over an in-memory store at {@link #NOW}. */
  public static PasswordAttempts passwordAttempts(InMemoryLoginStore store, PasswordHasher hasher) {
    return new PasswordAttempts(store, LoginLimit.DEFAULT, CLOCK, hasher);
  }
}
