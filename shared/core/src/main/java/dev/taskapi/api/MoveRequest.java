package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.Move;
import dev.taskapi.domain.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /tasks/{task_id}/move}: {@code list_id} (omitted or null: the task's own list) and {@code after}:
 * a task's id (right after it), {@code null} (first), or omitted (last, where a new task goes). An empty body
 * moves the task to the end of its own list. {@code parent_id} (null: top-level; omitted: the task's own) is
 * the new parent ({@link Move}). Other members are ignored, as on create and PATCH.
 */
public final class MoveRequest {
  private MoveRequest() {}

  /** The move of the task {@code taskId}; a 400 naming every wrong member, {@code after} naming the task itself. */
  public static Move parse(ObjectNode body, String taskId) {
    List<FieldError> errors = new ArrayList<>();
    // null is the task's own list, as absent: a client whose generator sends every member sends it as null.
    JsonNode list = body.get(Placement.LIST_ID);
    Optional<String> listId =
        list != null && list.isNull() ? Optional.empty() : PlacementMembers.listId(body, errors);
    Optional<String> parentId = PlacementMembers.namedParent(body, errors);
    Move.Anchor anchor = new Move.Anchor.Last();
    JsonNode after = body.get(Move.AFTER);
    if (after != null && after.isNull()) {
      anchor = new Move.Anchor.First();
    } else if (after != null) {
      Optional<String> afterId = PlacementMembers.uuid(body, Move.AFTER, errors);
      if (afterId.isPresent() && afterId.get().equals(taskId)) {
        errors.add(new FieldError(Move.AFTER, "must be another task than the one moved"));
      } else if (afterId.isPresent()) {
        anchor = new Move.Anchor.After(afterId.get());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid fields.", errors);
    }
    return new Move(listId, parentId, anchor);
  }
}
