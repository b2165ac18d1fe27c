package dev.taskapi.testing;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskValues;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/** Tasks as tests arrange them: a title and a description, every other field at its absent value. */
public final class TestTasks {
  private TestTasks() {}

  /**
   * The members of a task's JSON: its identity, then every field. (The end-to-end suite holds whole answers to
   * openapi.yaml's strict Task schema; handler tests check the members with this.)
   */
  public static List<String> memberNames() {
    List<String> names =
        new ArrayList<>(List.of("uuid", "user_id", "created_at", "updated_at", "etag", "list_id", "parent_id", "position"));
    for (TaskField<?> field : TaskFields.ALL) {
      names.add(field.name());
    }
    return names;
  }

  public static TaskValues values(String title, String description) {
    return TaskValues.absent().with(TaskFields.TITLE, title).with(TaskFields.DESCRIPTION, description);
  }

  /** A task as created, at the instant its id carries. */
  public static Task task(String id, String userId, String title, String description) {
    return Task.created(id, userId, java.util.Optional.empty(), values(title, description));
  }
}
