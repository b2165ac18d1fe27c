package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.domain.Webhook;
import java.io.IOException;
import java.util.List;

/**
 * A webhook on the wire, never with its secret: {@code {uuid, url, events, description, created_at, failure_count,
 * last_error, last_error_at, consecutive_failures, disabled_at}}, the absent ones null, timestamps as a task's.
 */
public record WebhookView(
    String uuid, String url, List<String> events, String description, String createdAt, long failureCount,
    String lastError, String lastErrorAt, long consecutiveFailures, String disabledAt)
    implements JsonBody {
  public static WebhookView of(Webhook webhook) {
    return new WebhookView(
        webhook.id(), webhook.url(), webhook.events(), webhook.description().orElse(null),
        TaskView.format(webhook.createdAt()), webhook.failureCount(), webhook.lastError().orElse(null),
        webhook.lastErrorAt().map(TaskView::format).orElse(null), webhook.consecutiveFailures(),
        webhook.disabledAt().map(TaskView::format).orElse(null));
  }

  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("uuid", uuid);
    json.writeStringField("url", url);
    json.writeArrayFieldStart("events");
    for (String event : events) {
      json.writeString(event);
    }
    json.writeEndArray();
    json.writeStringField("description", description);
    json.writeStringField("created_at", createdAt);
    json.writeNumberField("failure_count", failureCount);
    json.writeStringField("last_error", lastError);
    json.writeStringField("last_error_at", lastErrorAt);
    json.writeNumberField("consecutive_failures", consecutiveFailures);
    json.writeStringField("disabled_at", disabledAt);
    json.writeEndObject();
  }
}
