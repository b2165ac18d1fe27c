package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A task on the wire: its identity ({@code uuid}, {@code user_id}, {@code created_at}, {@code updated_at}, {@code etag}) and
 * then every {@link TaskFields field}, each written by its own definition. openapi.yaml's {@code Task} schema is
 * the contract the end-to-end suite holds these bodies to.
 */
public record TaskView(Task task) implements JsonBody {
  /** ISO-8601 UTC with fixed millisecond precision, so every timestamp has the same shape and sorts as text. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public static TaskView of(Task task) {
    return new TaskView(task);
  }

  static String format(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("uuid", task.id());
    json.writeStringField("user_id", task.userId());
    json.writeStringField("created_at", format(task.createdAt()));
    json.writeStringField("updated_at", format(task.updatedAt()));
    json.writeStringField("etag", EntityTags.of(task.version()));
    json.writeStringField(Placement.LIST_ID, task.placement().listId());
    if (task.placement().topLevel()) {
      json.writeNullField(Placement.PARENT_ID);
    } else {
      json.writeStringField(Placement.PARENT_ID, task.placement().parentId());
    }
    json.writeStringField(Placement.POSITION, task.placement().position());
    for (TaskField<?> field : TaskFields.ALL) {
      field.writeMember(json, task.values());
    }
    json.writeEndObject();
  }
}
