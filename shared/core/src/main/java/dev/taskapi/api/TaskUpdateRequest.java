package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.TaskChanges;

/**
 * The body of {@code PATCH /tasks/{task_id}}: any of {@code title}, {@code description} (the rules of
 * {@link NewTaskRequest}) and {@code completed} (a boolean). A field that is present must be valid ({@code null}
 * is not "unset", it is not a string); at least one must be present. Other fields are ignored, as on create.
 */
public final class TaskUpdateRequest {
  private TaskUpdateRequest() {}

  public static TaskChanges parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String title = fields.optionalString("title", null);
    String description = fields.optionalString("description", null);
    Boolean completed = fields.optionalBoolean("completed");
    NewTaskRequest.checkTitle(fields, title);
    NewTaskRequest.checkDescription(fields, description);
    fields.throwIfInvalid();
    TaskChanges changes = new TaskChanges(title, description, completed);
    if (changes.isEmpty()) {
      throw new InvalidRequestException("Send at least one of title, description and completed.");
    }
    return changes;
  }
}
