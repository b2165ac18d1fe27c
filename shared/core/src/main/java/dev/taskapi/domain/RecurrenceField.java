package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code recurrence}: null, or {@code {rule, from}} ({@link Recurrence}); {@code from} is {@code "due"} unless
 * sent. Stored as a map of the rule, {@code from} and the server's count of completed occurrences, which the wire
 * never shows. The rule is checked by the rule library only when one is sent ({@link RecurrenceRules}).
 */
final class RecurrenceField extends TaskField<Optional<Recurrence>> {
  private static final String RULE = "rule";
  private static final String FROM = "from";
  private static final String COMPLETIONS = "completions";

  RecurrenceField(String name) {
    super(name, Access.CREATE_AND_PATCH, true);
  }

  @Override
  public Optional<Recurrence> absent() {
    return Optional.empty();
  }

  @Override
  protected Optional<Recurrence> parse(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError(path, "must be an object with a rule, or null"));
      return null;
    }
    int before = errors.size();
    String rule = null;
    JsonNode ruleNode = node.get(RULE);
    if (ruleNode == null || ruleNode.isNull()) {
      errors.add(new FieldError(path + "." + RULE, "is required"));
    } else {
      rule = TaskFields.string(ruleNode, path + "." + RULE, errors);
      Optional<String> problem = rule == null ? Optional.empty() : RecurrenceRules.problem(rule);
      if (problem.isPresent()) {
        errors.add(new FieldError(path + "." + RULE, problem.get()));
      }
    }
    Recurrence.From from = from(node.get(FROM), path + "." + FROM, errors);
    return errors.size() > before ? null : Optional.of(new Recurrence(rule, from, 0));
  }

  private static Recurrence.From from(JsonNode node, String path, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return Recurrence.From.DUE;
    }
    for (Recurrence.From from : Recurrence.From.values()) {
      if (node.isTextual() && from.wire().equals(node.textValue())) {
        return from;
      }
    }
    errors.add(new FieldError(path, "must be \"due\" or \"completion\""));
    return null;
  }

  @Override
  protected void write(JsonGenerator json, Optional<Recurrence> value) throws IOException {
    if (value.isEmpty()) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringField(RULE, value.get().rule());
    json.writeStringField(FROM, value.get().from().wire());
    json.writeEndObject();
  }

  @Override
  protected Object store(Optional<Recurrence> value) {
    if (value.isEmpty()) {
      return null;
    }
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put(RULE, value.get().rule());
    stored.put(FROM, value.get().from().wire());
    stored.put(COMPLETIONS, value.get().completions());
    return stored;
  }

  @Override
  protected Optional<Recurrence> load(Object stored) {
    Map<?, ?> map = (Map<?, ?>) stored;
    String from = (String) map.get(FROM);
    return Optional.of(
        new Recurrence(
            (String) map.get(RULE),
            Recurrence.From.COMPLETION.wire().equals(from) ? Recurrence.From.COMPLETION : Recurrence.From.DUE,
            ((Number) map.get(COMPLETIONS)).longValue()));
  }
}
