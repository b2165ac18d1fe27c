package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** The answer of {@code GET /webhooks}: {@code {webhooks}}, all of them (at most 10: no pages). */
public record WebhooksResponse(List<WebhookView> webhooks) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("webhooks");
    for (WebhookView webhook : webhooks) {
      webhook.writeTo(json);
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
