package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.TaskFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /lists} and {@code PATCH /lists/{list_id}}: {@code {"title"}}, required, read by the task
 * title's own definition ({@link TaskFields#TITLE}: 1 to 200 characters, not blank). A list has no other field a
 * client sets, so both routes take the same body; fields the server owns are not read at all.
 */
public record ListRequest(String title) {
  public static ListRequest parse(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode node = body.get(TaskFields.TITLE.name());
    String title = null;
    if (node == null) {
      errors.add(new FieldError(TaskFields.TITLE.name(), "is required"));
    } else {
      title = TaskFields.TITLE.read(node, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid fields.", errors);
    }
    return new ListRequest(title);
  }
}
