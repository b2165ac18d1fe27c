package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.api.JsonBody;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The signer against the Standard Webhooks project's own Java verifier, and against the specification's example. */
class WebhookSignatureTest {
  /** The data {@code {"uuid": "w1"}}. */
  static final JsonBody UUID_W1 = json -> {
    json.writeStartObject();
    json.writeStringField("uuid", "w1");
    json.writeEndObject();
  };

  @Test
  void aSecretIsWhsecAndTheBase64OfThirtyTwoRandomBytes() {
    String secret = WebhookSecret.generate();

    assertTrue(secret.startsWith("whsec_"), secret);
    assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
    assertTrue(!secret.equals(WebhookSecret.generate()));
  }

  @Test
  void theSpecificationsExampleSignsAsItsReferenceDoes() throws Exception {
    // The example of the standard-webhooks repository's libraries' tests, signed by the library itself.
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    long timestamp = 1614265330;
    String body = "{\"test\": 2432232314}";

    assertEquals(new Webhook(secret).sign(id, timestamp, body), WebhookSignature.sign(secret, id, timestamp, body));
    assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign(secret, id, timestamp, body));
  }

  @Test
  void aMessagesHeadersPassTheOffTheShelfVerifierAndATamperedBodyFails() throws Exception {
    String secret = WebhookSecret.generate();
    WebhookMessage message = WebhookMessage.of(
        "webhook.test", UUID_W1, Instant.now());
    Map<String, List<String>> headers = message.headers(secret).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));

    assertDoesNotThrow(() -> new Webhook(secret).verify(message.body(), headers));
    assertThrows(WebhookVerificationException.class,
        () -> new Webhook(secret).verify(message.body().replace("w1", "w2"), headers));
    assertThrows(WebhookVerificationException.class,
        () -> new Webhook(WebhookSecret.generate()).verify(message.body(), headers));
  }

  @Test
  void theBodyIsTypeTimestampAndDataAndTheIdIsMsgAndRandom() {
    Instant now = Instant.parse("2026-12-07T12:00:00.789Z");
    WebhookMessage message =
        WebhookMessage.of("webhook.test", UUID_W1, now);

    assertEquals("{\"type\":\"webhook.test\",\"timestamp\":\"2026-12-07T12:00:00Z\",\"data\":{\"uuid\":\"w1\"}}",
        message.body());
    assertTrue(message.id().matches("msg_[0-9a-f]{32}"), message.id());
    assertEquals("1796644800", message.headers(WebhookSecret.generate()).get("webhook-timestamp"));
    assertTrue(!message.id().equals(WebhookMessage.of("webhook.test", null, now).id()));
  }
}
