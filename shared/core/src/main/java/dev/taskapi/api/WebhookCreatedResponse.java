package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The answer of {@code POST /webhooks}: {@code {message, webhook, secret}}. The one answer that carries the signing
 * secret: no route shows it again.
 */
public record WebhookCreatedResponse(String message, WebhookView webhook, String secret) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("message", message);
    JsonBody.writeField(json, "webhook", webhook);
    json.writeStringField("secret", secret);
    json.writeEndObject();
  }
}
