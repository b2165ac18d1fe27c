package dev.taskapi.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task's JSON is its identity and then each field as its definition writes it, and what the view writes the
 * parsers read back as the same values: the two directions of each field cannot drift apart.
 */
class TaskViewTest {
  private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");
  private final String id = new TaskIds().next(CREATED.toEpochMilli()).toString();

  @Test
  void writesTheIdentityThenEveryFieldInOrder() throws Exception {
    Task task = TestTasks.task(id, "u-1", "Buy \"milk\" \u00e9 \ud83d\ude00 </script>", "line\nbreak");

    JsonNode json = Json.MAPPER.readTree(JsonBody.toJson(TaskView.of(task)));

    List<String> expected =
        new ArrayList<>(List.of("uuid", "user_id", "created_at", "updated_at", "etag", "list_id", "parent_id", "position"));
    TaskFields.ALL.forEach(field -> expected.add(field.name()));
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(expected, names);
    assertEquals(id, json.get("uuid").asText());
    assertEquals("2026-01-02T03:04:05.678Z", json.get("created_at").asText());
    assertEquals(task.title(), json.get("title").asText());
  }

  @Test
  void whatTheViewWritesTheParsersReadBackAsTheSameValues() throws Exception {
    Task task = TestTasks.task(id, "u-1", "t", "d").apply(TaskChanges.none().set(TaskFields.COMPLETED, true), CREATED);
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(JsonBody.toJson(TaskView.of(task)));
    json.remove("position"); // the server's: a request that sends it is refused

    Task read = NewTaskRequest.parse(json).task(id, "u-1");
    assertEquals(task.placement(), read.placement(), "the list as written, the position the id gives");
    assertEquals(task.values(), read.apply(TaskUpdateRequest.parse(patchableOnly(json)).changes(), CREATED).values());
  }

  private static ObjectNode patchableOnly(ObjectNode json) {
    ObjectNode patch = Json.MAPPER.createObjectNode();
    for (TaskField<?> field : TaskFields.ALL) {
      if (field.patchable()) {
        patch.set(field.name(), json.get(field.name()));
      }
    }
    return patch;
  }
}
