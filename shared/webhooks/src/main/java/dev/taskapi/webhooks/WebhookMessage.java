package dev.taskapi.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as delivered: its {@code webhook-id} ({@code msg_} and 128 random bits, the same on every retry of
 * the event), its {@code webhook-timestamp} (Unix seconds) and its body {@code {"type", "timestamp", "data"}}.
 */
public record WebhookMessage(String id, Instant timestamp, String type, String body) {
  public static final String ID_PREFIX = "msg_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new message of {@code type} about {@code data}, sent at {@code now}. */
  public static WebhookMessage of(String type, JsonNode data, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("type", type);
    body.put("timestamp", at.toString());
    body.set("data", data);
    return new WebhookMessage(newId(), at, type, body.toString());
  }

  static String newId() {
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    return ID_PREFIX + HexFormat.of().formatHex(bits);
  }

  /** The three Standard Webhooks headers, signed with {@code secret}. */
  public Map<String, String> headers(String secret) {
    long seconds = timestamp.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(seconds));
    headers.put("webhook-signature", WebhookSignature.sign(secret, id, seconds, body));
    return headers;
  }
}
