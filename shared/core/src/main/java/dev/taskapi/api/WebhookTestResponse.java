package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The answer of {@code POST /webhooks/{webhook_id}/test}: {@code {delivered, status, error, message_id}}. A 200
 * whether or not the receiver took it: the receiver's failure (or the SSRF guard's refusal of where it now
 * resolves) is the outcome asked for, not a fault of the API. {@code status} is the receiver's HTTP status, null
 * when it never answered; {@code error} null when delivered.
 */
public record WebhookTestResponse(boolean delivered, Integer status, String error, String messageId)
    implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeBooleanField("delivered", delivered);
    json.writeFieldName("status");
    if (status == null) {
      json.writeNull();
    } else {
      json.writeNumber(status);
    }
    json.writeStringField("error", error);
    json.writeStringField("message_id", messageId);
    json.writeEndObject();
  }
}
