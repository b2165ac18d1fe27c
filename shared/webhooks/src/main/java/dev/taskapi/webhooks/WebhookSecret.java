package dev.taskapi.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook's signing secret as the Standard Webhooks specification spells it: {@code whsec_} and the base64 of
 * the key bytes, which are what the HMAC takes (the verifier libraries strip the prefix and decode the rest).
 */
public final class WebhookSecret {
  public static final String PREFIX = "whsec_";
  /** 32 random bytes: the HMAC-SHA256 block's worth, above the specification's minimum of 24. */
  static final int BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSecret() {}

  /** A new secret, shown to the client once, in the registration's answer. */
  public static String generate() {
    byte[] key = new byte[BYTES];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The key bytes of {@code secret}. */
  static byte[] key(String secret) {
    if (!secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a webhook secret");
    }
    return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
  }
}
