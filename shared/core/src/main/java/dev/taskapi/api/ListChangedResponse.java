package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The answer of {@code POST /lists} and {@code PATCH /lists/{list_id}}: {@code {message, list}}. */
public record ListChangedResponse(String message, ListView list) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    JsonBody.writeWithMessage(json, message, "list", list);
  }
}
