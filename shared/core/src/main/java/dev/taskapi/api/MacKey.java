package dev.taskapi.api;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cursor key as the opaque tokens' codecs use it ({@link CursorCodec}, {@link SyncTokenCodec}): HMAC-SHA256,
 * each codec under labels of its own, and the one base64url spelling they issue.
 */
final class MacKey {
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  MacKey(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the cursor key must be at least 256 bits");
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The bytes of {@code text}, or empty when it is not base64url as {@link #encode} writes it. The decoder ignores
   * the last character's unused bits, so several spellings decode to the same bytes; only the one issued is
   * accepted, so that any edited token is refused.
   */
  static Optional<byte[]> decode(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return encode(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
  }
}
