package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the fields of one JSON object body, collecting every broken rule so the client learns all of them in
 * one 400 rather than one per attempt. Lengths count Unicode code points, which is what people mean by
 * "characters" (an emoji is one, not two UTF-16 units).
 */
final class JsonFields {
  private final ObjectNode body;
  private final List<FieldError> errors = new ArrayList<>();

  JsonFields(ObjectNode body) {
    this.body = body;
  }

  /**
   * A string that must be present; null (with the error recorded) when it is absent, not a string, or not valid
   * Unicode.
   */
  String requiredString(String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isMissingNode()) {
      errors.add(new FieldError(name, "is required"));
      return null;
    }
    return text(name, node);
  }

  /** A string that may be absent (then {@code fallback}); null (with the error recorded) when not a string. */
  String optionalString(String name, String fallback) {
    JsonNode node = body.get(name);
    if (node == null) {
      return fallback;
    }
    return text(name, node);
  }

  private String text(String name, JsonNode node) {
    if (!node.isTextual()) {
      errors.add(new FieldError(name, "must be a string"));
      return null;
    }
    String value = node.textValue();
    if (hasUnpairedSurrogate(value)) {
      // A JSON escape (backslash, u, D800) can spell half a character. Encoded to UTF-8 (DynamoDB, Argon2) it
      // becomes '?', so what is stored would differ from what was acknowledged, and two passwords would hash alike.
      errors.add(new FieldError(name, "must be valid Unicode (no unpaired surrogate)"));
      return null;
    }
    return value;
  }

  /** A boolean that may be absent (then null); null (with the error recorded) when not true or false. */
  Boolean optionalBoolean(String name) {
    JsonNode node = body.get(name);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      errors.add(new FieldError(name, "must be true or false"));
      return null;
    }
    return node.booleanValue();
  }

  /**
   * Checks a rule on a value that was read; a value already rejected (null) is not checked again. The rule is a
   * predicate, not a boolean, so it is only evaluated on a value that is there.
   */
  void require(String name, String value, Predicate<String> rule, String reason) {
    if (value != null && !rule.test(value)) {
      errors.add(new FieldError(name, reason));
    }
  }

  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid fields.", errors);
    }
  }

  static int length(String value) {
    return Text.length(value);
  }

  static boolean hasUnpairedSurrogate(String value) {
    return Text.hasUnpairedSurrogate(value);
  }

  static boolean hasControlCharacters(String value) {
    return Text.hasControlCharacters(value);
  }
}
