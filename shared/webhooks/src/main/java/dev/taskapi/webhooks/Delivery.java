package dev.taskapi.webhooks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.JsonBody;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.domain.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One event on its way to one webhook: what the delivery queue carries, as JSON, from the publisher to the
 * deliverer. The message is complete (id, type, body as it will be signed), so every attempt sends the same bytes;
 * the webhook's URL and secret are read at each attempt, never carried: a deleted webhook gets nothing more, and
 * no secret ever sits in a queue.
 */
public record Delivery(String userId, String webhookId, WebhookMessage message) {
  public Delivery {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(message, "message");
  }

  /**
   * {@code event} for webhook {@code webhookId} of {@code userId}, as the change {@code sourceId} (the stream
   * record's id, unique and the same on every retry of the stream's batch) made it: its {@code webhook-id} is
   * derived from both, so a repeated publication of the same change repeats the same id, as Standard Webhooks
   * asks of every retry of one event, and receivers can drop the repeat.
   */
  public static Delivery of(String userId, String webhookId, String sourceId, WebhookEvent event) {
    return new Delivery(userId, webhookId, event.message(messageId(sourceId, webhookId)));
  }

  /**
   * {@code event} for each of {@code webhooks} (the owner's) that is enabled and subscribes to its type, as {@link
   * #of} names it.
   */
  public static List<Delivery> toSubscribers(
      String userId, List<Webhook> webhooks, String sourceId, WebhookEvent event) {
    List<Delivery> deliveries = new ArrayList<>();
    for (Webhook webhook : webhooks) {
      if (webhook.receives(event.type())) {
        deliveries.add(of(userId, webhook.id(), sourceId, event));
      }
    }
    return deliveries;
  }

  static String messageId(String sourceId, String webhookId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((sourceId + "\n" + webhookId).getBytes(StandardCharsets.UTF_8));
      return WebhookMessage.ID_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public String toJson() {
    return JsonBody.toJson(this::write);
  }

  private void write(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("user_id", userId);
    json.writeStringField("webhook_id", webhookId);
    json.writeStringField("id", message.id());
    json.writeStringField("type", message.type());
    json.writeStringField("timestamp", message.timestamp().toString());
    json.writeStringField("body", message.body());
    json.writeEndObject();
  }

  /**
   * The delivery {@link #toJson} wrote, read as a tree through Jackson's streaming layer ({@link JsonStreams}), as
   * the functions read their events: an {@code ObjectMapper} would be about 370 classes of the deliverer's first
   * request.
   */
  public static Delivery fromJson(String text) {
    try {
      JsonNode node = JsonStreams.readTree(text);
      return new Delivery(node.path("user_id").asText(), node.path("webhook_id").asText(),
          new WebhookMessage(node.path("id").asText(), Instant.parse(node.path("timestamp").asText()),
              node.path("type").asText(), node.path("body").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("not a delivery: " + e.getMessage(), e);
    }
  }
}
