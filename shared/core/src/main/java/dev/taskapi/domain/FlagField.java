package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.util.List;

/** A true/false field, false when absent; written by PATCH only; stored always (the by-completed index key follows from it). */
final class FlagField extends PlainField<Boolean> {
  FlagField(String name) {
    super(name, Access.PATCH, Boolean.class);
  }

  @Override
  public Boolean absent() {
    return false;
  }

  @Override
  protected Boolean parse(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isBoolean()) {
      errors.add(new FieldError(path, "must be true or false"));
      return null;
    }
    return node.booleanValue();
  }

  @Override
  protected void write(JsonGenerator json, Boolean value) throws IOException {
    json.writeBoolean(value);
  }
}
