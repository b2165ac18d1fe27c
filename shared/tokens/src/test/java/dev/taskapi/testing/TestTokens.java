package dev.taskapi.testing;

import dev.taskapi.auth.TokenService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** A fixed signing key and the template's issuer, audience and lifetime, at {@link TestCrypto#CLOCK}. */
public final class TestTokens {
  public static final byte[] JWT_KEY = "test-jwt-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  public static final String ISSUER = "task-api";
  public static final String AUDIENCE = "task-api-clients";
  public static final Duration TTL = Duration.ofHours(1);

  private TestTokens() {}

  public static TokenService tokenService() {
    return tokenService(TestCrypto.CLOCK);
  }

  public static TokenService tokenService(Clock clock) {
    return new TokenService(JWT_KEY, ISSUER, AUDIENCE, TTL, clock);
  }
}
