package dev.taskapi.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 HMAC-SHA256, keyed with the secret's decoded bytes,
 * of {@code <webhook-id>.<webhook-timestamp>.<body>}. The one signer: the test send uses it, and so will the event
 * deliverer.
 */
public final class WebhookSignature {
  public static final String VERSION = "v1";

  private WebhookSignature() {}

  /** The {@code webhook-signature} header's value for one message. */
  public static String sign(String secret, String messageId, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WebhookSecret.key(secret), "HmacSHA256"));
      byte[] digest = mac.doFinal(
          (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return VERSION + "," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is a JDK requirement: this cannot happen on a conforming runtime.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
