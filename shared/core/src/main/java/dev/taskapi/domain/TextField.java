package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A string field of at most {@code maxLength} code points, stored exactly as sent; optionally not blank. */
final class TextField extends PlainField<String> {
  private final int maxLength;
  private final boolean required;

  TextField(String name, int maxLength, boolean required) {
    super(name, Access.CREATE_AND_PATCH, String.class);
    this.maxLength = maxLength;
    this.required = required;
  }

  int maxLength() {
    return maxLength;
  }

  @Override
  public boolean requiredOnCreate() {
    return required;
  }

  @Override
  public String absent() {
    return "";
  }

  @Override
  protected String parse(JsonNode node, String path, List<FieldError> errors) {
    String text = TaskFields.string(node, path, errors);
    if (text == null) {
      return null;
    }
    if (required && (text.isBlank() || Text.length(text) > maxLength)) {
      errors.add(new FieldError(path, "must be 1 to " + maxLength + " characters and not blank"));
      return null;
    }
    if (Text.length(text) > maxLength) {
      errors.add(new FieldError(path, "must be at most " + maxLength + " characters"));
      return null;
    }
    return text;
  }

  @Override
  protected void write(JsonGenerator json, String value) throws IOException {
    json.writeString(value);
  }

  /** The text itself, always: the seed's fingerprint was the title and the description, and keys outlive deploys. */
  @Override
  protected Optional<String> fingerprint(String value) {
    return Optional.of(value);
  }
}
