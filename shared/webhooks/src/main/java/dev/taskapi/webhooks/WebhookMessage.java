package dev.taskapi.webhooks;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.api.JsonBody;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as delivered: its {@code webhook-id} ({@code msg_} and 128 bits, the same on every retry of the
 * event), its {@code webhook-timestamp} (Unix seconds: the attempt's, so a receiver's tolerance window holds for a
 * retry hours later, as Standard Webhooks verifiers require) and its body {@code {"type", "timestamp", "data"}},
 * whose {@code timestamp} is the event's own and never changes.
 */
public record WebhookMessage(String id, Instant timestamp, String type, String body) {
  public static final String ID_PREFIX = "msg_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new message of {@code type} about {@code data} (the object as its route writes it), sent at {@code now}. The
   * body is written once, here: the signature covers these exact bytes.
   */
  public static WebhookMessage of(String type, JsonBody data, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    JsonBody body = json -> write(json, type, at, data);
    return new WebhookMessage(newId(), at, type, JsonBody.toJson(body));
  }

  private static void write(JsonGenerator json, String type, Instant at, JsonBody data) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", type);
    json.writeStringField("timestamp", at.toString());
    JsonBody.writeField(json, "data", data);
    json.writeEndObject();
  }

  /**
   * The message of event {@code type} about {@code data}, which happened at {@code occurredAt}, with the id {@code
   * id}: one the caller derives from the event, so that every send of it, however often repeated, carries the same.
   */
  public static WebhookMessage event(String id, String type, Instant occurredAt, JsonBody data) {
    Instant at = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    return new WebhookMessage(id, at, type, JsonBody.toJson(json -> write(json, type, at, data)));
  }

  /** This message as attempted at {@code attempt}: the same id and body, signed with the attempt's timestamp. */
  public WebhookMessage attemptedAt(Instant attempt) {
    return new WebhookMessage(id, attempt.truncatedTo(ChronoUnit.SECONDS), type, body);
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
