package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The body of {@code PATCH /tasks/{task_id}}: any {@link TaskField#patchable() patchable} field, by the rules of
 * its definition. A field that is present must be valid; {@code null} clears a field that may be empty and is
 * refused (as the wrong type) for the others. At least one must be present. Other members are ignored, as on
 * create.
 */
public final class TaskUpdateRequest {

  private TaskUpdateRequest() {}

  public static TaskChanges parse(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    TaskChanges changes = TaskChanges.none();
    boolean named = false;
    for (TaskField<?> field : TaskFields.ALL) {
      JsonNode node = field.patchable() ? body.get(field.name()) : null;
      if (node != null) {
        named = true;
        changes = read(node, field, changes, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid fields.", errors);
    }
    if (!named) {
      throw new InvalidRequestException("Send at least one of " + patchableNames() + ".");
    }
    return changes;
  }

  private static String patchableNames() {
    StringJoiner names = new StringJoiner(", ");
    for (TaskField<?> field : TaskFields.ALL) {
      if (field.patchable()) {
        names.add(field.name());
      }
    }
    return names.toString();
  }

  private static <T> TaskChanges read(JsonNode node, TaskField<T> field, TaskChanges changes, List<FieldError> errors) {
    if (node.isNull() && field.clearable()) {
      return changes.clear(field);
    }
    T value = field.read(node, errors);
    return value == null ? changes : changes.set(field, value);
  }
}
