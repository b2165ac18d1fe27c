package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.util.List;

/**
 * {@code priority}: one of {@code none, low, medium, high}; {@code none} when absent. Not clearable: there is
 * always a priority, so a PATCH sets {@code "none"} rather than null. Stored always, as its wire name.
 */
final class PriorityField extends TaskField<Priority> {
  PriorityField(String name) {
    super(name, Access.CREATE_AND_PATCH, false);
  }

  @Override
  public Priority absent() {
    return Priority.NONE;
  }

  @Override
  protected Priority parse(JsonNode node, String path, List<FieldError> errors) {
    if (node.isTextual()) {
      for (Priority priority : Priority.values()) {
        if (priority.wireName().equals(node.textValue())) {
          return priority;
        }
      }
    }
    errors.add(new FieldError(path, "must be one of none, low, medium, high"));
    return null;
  }

  @Override
  protected void write(JsonGenerator json, Priority value) throws IOException {
    json.writeString(value.wireName());
  }

  @Override
  protected Object store(Priority value) {
    return value.wireName();
  }

  @Override
  protected Priority load(Object stored) {
    for (Priority priority : Priority.values()) {
      if (priority.wireName().equals(stored)) {
        return priority;
      }
    }
    throw new IllegalStateException("stored priority is not one of ours: " + stored);
  }
}
