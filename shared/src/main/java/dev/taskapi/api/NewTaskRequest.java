package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /tasks}. Fields the server owns ({@code user_id}, {@code uuid}, {@code created_at}) are
 * not read at all, so sending them changes nothing.
 */
public record NewTaskRequest(String title, String description) {
  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 10_000;

  public static NewTaskRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String title = fields.requiredString("title");
    String description = fields.optionalString("description", "");
    checkTitle(fields, title);
    checkDescription(fields, description);
    fields.throwIfInvalid();
    return new NewTaskRequest(title, description);
  }

  /** The title rule, shared with {@link TaskUpdateRequest}; a null (absent or rejected) title is not checked. */
  static void checkTitle(JsonFields fields, String title) {
    fields.require(
        "title",
        title,
        t -> !t.isBlank() && JsonFields.length(t) <= MAX_TITLE,
        "must be 1 to " + MAX_TITLE + " characters and not blank");
  }

  static void checkDescription(JsonFields fields, String description) {
    fields.require(
        "description",
        description,
        d -> JsonFields.length(d) <= MAX_DESCRIPTION,
        "must be at most " + MAX_DESCRIPTION + " characters");
  }
}
