package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The answer of {@code GET /lists/{list_id}}: {@code {list}}. */
public record ListResponse(ListView list) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    JsonBody.writeWrapped(json, "list", list);
  }
}
