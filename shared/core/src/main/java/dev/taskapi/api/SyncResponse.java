package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.domain.SyncItems;
import java.io.IOException;
import java.util.List;

/**
 * The answer of {@code GET /sync}: {@code {lists, tasks, deleted: {lists, tasks}, token, has_more}}; lists and tasks
 * in the shape of their own routes ({@link ListView}, {@link TaskView}).
 */
public record SyncResponse(SyncItems items, String token, boolean hasMore) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("lists");
    for (var list : items.lists()) {
      ListView.of(list).writeTo(json);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("tasks");
    for (var task : items.tasks()) {
      TaskView.of(task).writeTo(json);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("deleted");
    writeIds(json, "lists", items.deletedLists());
    writeIds(json, "tasks", items.deletedTasks());
    json.writeEndObject();
    json.writeStringField("token", token);
    json.writeBooleanField("has_more", hasMore);
    json.writeEndObject();
  }

  private static void writeIds(JsonGenerator json, String name, List<String> ids) throws IOException {
    json.writeArrayFieldStart(name);
    for (String id : ids) {
      json.writeString(id);
    }
    json.writeEndArray();
  }
}
