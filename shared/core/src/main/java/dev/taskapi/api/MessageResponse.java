package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A body that is only a message, such as the answer of {@code DELETE /tasks/{task_id}}. */
public record MessageResponse(String message) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("message", message);
    json.writeEndObject();
  }
}
