package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.Move;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The body of {@code PATCH /tasks/{task_id}}: any {@link TaskField#patchable() patchable} field, by the rules of
 * its definition. A field that is present must be valid; {@code null} clears a field that may be empty and is
 * refused (as the wrong type) for the others. {@code list_id} moves the task to the end of that list. At least one
 * must be present. {@code parent_id} (null: top-level) moves the task under that parent ({@link Move}).
 * Other members are ignored, as on create, except {@code position} (a 400).
 */
public record TaskUpdateRequest(TaskChanges changes, Optional<String> listId, Optional<String> parentId) {

  public static TaskUpdateRequest parse(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    TaskChanges changes = TaskChanges.none();
    Optional<String> listId = PlacementMembers.listId(body, errors);
    Optional<String> parentId = PlacementMembers.namedParent(body, errors);
    PlacementMembers.refusePosition(body, errors);
    boolean named = body.has(Placement.LIST_ID) || body.has(Placement.PARENT_ID);
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
    return new TaskUpdateRequest(changes, listId, parentId);
  }

  /** Whether the request moves the task (to another list, or to the end of its own), or names its parent. */
  public boolean moves() {
    return listId.isPresent() || parentId.isPresent();
  }

  /** The move this request makes: the task keeps its place unless it changes lists ({@link Move.Anchor.Kept}). */
  public Move move() {
    return new Move(listId, parentId, new Move.Anchor.Kept());
  }

  private static String patchableNames() {
    StringJoiner names = new StringJoiner(", ");
    for (TaskField<?> field : TaskFields.ALL) {
      if (field.patchable()) {
        names.add(field.name());
      }
    }
    names.add(Placement.LIST_ID);
    names.add(Placement.PARENT_ID);
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
