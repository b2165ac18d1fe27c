package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The answer of {@code GET /tasks/{task_id}}: {@code {task}}. */
public record TaskResponse(TaskView task) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    JsonBody.writeWrapped(json, "task", task);
  }
}
