package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.TaskIds;
import java.util.List;
import java.util.Optional;

/**
 * How a request body spells a task's {@link Placement}, for create, PATCH and move alike: {@code list_id} is a UUID
 * (returned in lower case), never null (a task is always in a list); {@code position} is the server's, and a body
 * that sends it is refused rather than silently ignored, since a client that sends one expects it to take effect
 * (the move route sets it).
 */
final class PlacementMembers {
  private PlacementMembers() {}

  /** The {@code list_id} member: empty when absent; empty, with the error recorded, when not a UUID string. */
  static Optional<String> listId(ObjectNode body, List<FieldError> errors) {
    return uuid(body, Placement.LIST_ID, errors);
  }

  /** The {@code parent_id} member: empty when absent or null (a top-level task); as {@link #uuid} otherwise. */
  static Optional<String> parentId(ObjectNode body, List<FieldError> errors) {
    JsonNode node = body.get(Placement.PARENT_ID);
    return node != null && node.isNull() ? Optional.empty() : uuid(body, Placement.PARENT_ID, errors);
  }

  /**
   * The {@code parent_id} member of a PATCH or move: empty when absent, {@code ""} when null (top-level), the
   * parent's id otherwise.
   */
  static Optional<String> namedParent(ObjectNode body, List<FieldError> errors) {
    JsonNode node = body.get(Placement.PARENT_ID);
    return node != null && node.isNull() ? Optional.of("") : uuid(body, Placement.PARENT_ID, errors);
  }

  /** A UUID member named {@code name}: empty when absent; empty, with the error recorded, when not a UUID string. */
  static Optional<String> uuid(ObjectNode body, String name, List<FieldError> errors) {
    JsonNode node = body.get(name);
    if (node == null) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      try {
        return Optional.of(TaskIds.canonical(name, node.textValue()));
      } catch (InvalidRequestException e) {
        // recorded below, with the other fields' errors
      }
    }
    errors.add(new FieldError(name, "must be a UUID"));
    return Optional.empty();
  }

  /** Records an error when the body sends {@code position}. */
  static void refusePosition(ObjectNode body, List<FieldError> errors) {
    if (body.has(Placement.POSITION)) {
      errors.add(new FieldError(Placement.POSITION, "is read-only; POST /tasks/{task_id}/move moves a task"));
    }
  }
}
