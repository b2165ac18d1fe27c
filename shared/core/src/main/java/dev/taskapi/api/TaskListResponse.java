package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** The answer of {@code GET /tasks}: {@code {tasks, next_cursor}}, where next_cursor is null on the last page. */
public record TaskListResponse(List<TaskView> tasks, String nextCursor) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeFieldName("tasks");
    if (tasks == null) {
      json.writeNull();
    } else {
      json.writeStartArray();
      for (TaskView task : tasks) {
        if (task == null) {
          json.writeNull();
        } else {
          task.writeTo(json);
        }
      }
      json.writeEndArray();
    }
    json.writeStringField("next_cursor", nextCursor);
    json.writeEndObject();
  }
}
