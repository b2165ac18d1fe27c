package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.domain.Task;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A task on the wire: the seed's {@code {uuid, title, description, user_id, created_at}} and then
 * {@code completed} and {@code updated_at}.
 */
public record TaskView(
    String uuid,
    String title,
    String description,
    String userId,
    String createdAt,
    boolean completed,
    String updatedAt)
    implements JsonBody {
  /** ISO-8601 UTC with fixed millisecond precision, so every timestamp has the same shape and sorts as text. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public static TaskView of(Task task) {
    return new TaskView(
        task.id(),
        task.title(),
        task.description(),
        task.userId(),
        format(task.createdAt()),
        task.completed(),
        format(task.updatedAt()));
  }

  static String format(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("uuid", uuid);
    json.writeStringField("title", title);
    json.writeStringField("description", description);
    json.writeStringField("user_id", userId);
    json.writeStringField("created_at", createdAt);
    json.writeBooleanField("completed", completed);
    json.writeStringField("updated_at", updatedAt);
    json.writeEndObject();
  }
}
