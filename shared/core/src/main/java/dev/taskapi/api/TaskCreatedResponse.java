package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The answer of {@code POST /tasks}: {@code {message, task}}. */
public record TaskCreatedResponse(String message, TaskView task) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    JsonBody.writeWithMessage(json, message, "task", task);
  }
}
