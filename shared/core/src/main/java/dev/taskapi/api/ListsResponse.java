package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** The answer of {@code GET /lists}: {@code {lists}}, all of them (at most 101: no pages). */
public record ListsResponse(List<ListView> lists) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("lists");
    for (ListView list : lists) {
      list.writeTo(json);
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
