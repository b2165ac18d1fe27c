package dev.taskapi.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.domain.TaskList;
import java.io.IOException;

/** A list on the wire: {@code {uuid, title, default, created_at, updated_at, etag}}, timestamps as a task's. */
public record ListView(
    String uuid, String title, @JsonProperty("default") boolean isDefault, String createdAt, String updatedAt,
    String etag)
    implements JsonBody {
  public static ListView of(TaskList list) {
    return new ListView(
        list.id(), list.title(), list.isDefault(), TaskView.format(list.createdAt()), TaskView.format(list.updatedAt()),
        EntityTags.of(list.version()));
  }

  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("uuid", uuid);
    json.writeStringField("title", title);
    json.writeBooleanField("default", isDefault);
    json.writeStringField("created_at", createdAt);
    json.writeStringField("updated_at", updatedAt);
    json.writeStringField("etag", etag);
    json.writeEndObject();
  }
}
