package dev.taskapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.auth.TokenService;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.store.TaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a function's {@code events/} sample into an event that takes its success path every time it is sent,
 * by the event's shape rather than the function's name: a TOKEN event gets a valid token; a body with
 * {@code username} (a registration) a fresh email; a {@code task_id} path parameter a task that exists.
 */
final class SampleEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TokenService tokens;
  private final TaskStore tasks;
  private final TaskIds ids = new TaskIds();
  private final AtomicLong sequence = new AtomicLong();
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  SampleEvents(TokenService tokens, TaskStore tasks) {
    this.tokens = tokens;
    this.tasks = tasks;
  }

  String prepare(Path sample) {
    try {
      return prepare(Files.readString(sample));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String prepare(String sampleJson) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(sampleJson);
      if ("TOKEN".equals(event.path("type").asText())) {
        event.put("authorizationToken", "Bearer " + tokens.issue("0b6a3b4e-5d1c-4f8e-9a2b-7c3d4e5f6a7b", "bench@bench.invalid", 0));
      }
      JsonNode bodyText = event.get("body");
      if (bodyText != null && bodyText.isTextual()) {
        JsonNode body = JSON.readTree(bodyText.asText());
        if (body instanceof ObjectNode object && object.has("username") && object.has("email")) {
          object.put("email", "bench-" + runId + "-" + sequence.incrementAndGet() + "@example.com");
          event.put("body", JSON.writeValueAsString(object));
        }
      }
      if (event.path("pathParameters").has("task_id")) {
        String userId = event.path("requestContext").path("authorizer").path("userId").asText();
        ((ObjectNode) event.get("pathParameters")).put("task_id", existingTask(userId));
      }
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String existingTask(String userId) {
    long now = System.currentTimeMillis();
    String id = ids.next(now).toString();
    tasks.create(new Task(id, userId, "to be deleted", "", Instant.ofEpochMilli(now)));
    return id;
  }
}
