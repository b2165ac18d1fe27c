package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /lists} and {@code PATCH /lists/{list_id}}: {@code {"title"}}, required, with a task
 * title's rule (1 to 200 characters, not blank: {@link NewTaskRequest#checkTitle}). A list has no other field a
 * client sets, so both routes take the same body; fields the server owns are not read at all.
 */
public record ListRequest(String title) {
  public static ListRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String title = fields.requiredString("title");
    NewTaskRequest.checkTitle(fields, title);
    fields.throwIfInvalid();
    return new ListRequest(title);
  }
}
