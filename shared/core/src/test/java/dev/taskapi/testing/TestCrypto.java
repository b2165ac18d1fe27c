package dev.taskapi.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A fixed clock and a fixed cursor key, so tests are repeatable. The token and password fixtures live beside
 * their code ({@code TestTokens}, {@code TestPasswords}), so a test needs only the modules it exercises.
 */
public final class TestCrypto {
  public static final Instant NOW = Instant.parse("2025-03-04T05:06:07.089Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  public static final byte[] CURSOR_KEY = "test-cursor-mac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private TestCrypto() {}
}
