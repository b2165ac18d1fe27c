package dev.taskapi.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random opaque tokens (refresh and password-reset tokens) and the one form in which they are stored: their
 * SHA-256. A fast hash is enough, and a slow one (Argon2, as for passwords) would buy nothing: a token carries 256
 * random bits, so no one can search its preimage however fast the hash is, whereas a password is guessable and
 * needs a slow, salted hash. Unsalted, the hash is also the token's lookup key.
 */
public final class OpaqueTokens {
  /** 256 bits: at least what OWASP and RFC 9700 ask of an unguessable bearer secret. */
  static final int SECRET_BYTES = 32;
  /** The user id a token names (user ids are UUIDs; letters, digits and hyphens are allowed). */
  static final String USER_ID = "[A-Za-z0-9-]{1,64}";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private OpaqueTokens() {}

  /** {@code bytes} random bytes, base64url without padding. */
  public static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return BASE64URL.encodeToString(value);
  }

  /** A new 256-bit secret, base64url (43 characters). */
  public static String secret() {
    return random(SECRET_BYTES);
  }

  /** The stored form of a token: lower-case hex SHA-256 of its UTF-8 bytes. */
  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The base64url length of {@code bytes} bytes without padding. */
  static int encodedLength(int bytes) {
    return (bytes * 8 + 5) / 6;
  }
}
