package dev.taskapi.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * A digest of what a create request asks for, from its parts as parsed (so JSON spacing or key order do not
 * matter): SHA-256 over each part prefixed by its length, so no two lists of parts collide, in base64url (43
 * characters). It tells a retry (the same fingerprint) from another request under the same Idempotency-Key or the
 * same client-chosen id.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(List<String> parts) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
