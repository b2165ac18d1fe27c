package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code labels}: a set of strings. Each is NFKC-normalized and trimmed; two that differ only in letter case (full
 * case folding, so "STRASSE" and "straße" are one) are one label, the first written kept as written; the order is
 * the order written. At most {@value TaskFields#MAX_LABELS} labels of 1 to {@value TaskFields#MAX_LABEL_LENGTH}
 * characters, with no control characters. {@code []} and {@code null} both mean none; stored as a list (none: no
 * attribute).
 */
final class LabelsField extends TaskField<List<String>> {
  LabelsField(String name) {
    super(name, Access.CREATE_AND_PATCH, true);
  }

  @Override
  public List<String> absent() {
    return List.of();
  }

  @Override
  protected List<String> parse(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isArray()) {
      errors.add(new FieldError(path, "must be an array of strings, or null"));
      return null;
    }
    int before = errors.size();
    List<String> labels = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String item = path + "[" + i + "]";
      String text = TaskFields.string(node.get(i), item, errors);
      if (text == null) {
        continue;
      }
      String label = normalized(text);
      String problem = problem(label);
      if (problem != null) {
        errors.add(new FieldError(item, problem));
      } else if (keys.add(key(label))) {
        labels.add(label);
      }
    }
    if (labels.size() > TaskFields.MAX_LABELS) {
      errors.add(new FieldError(path, "must hold at most " + TaskFields.MAX_LABELS + " labels"));
    }
    return errors.size() > before ? null : List.copyOf(labels);
  }

  /** A label as stored: NFKC-normalized, then trimmed. */
  static String normalized(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
  }

  /** Why a {@link #normalized} label is not one, or null when it is. */
  static String problem(String label) {
    if (label.isEmpty() || Text.length(label) > TaskFields.MAX_LABEL_LENGTH) {
      return "must be 1 to " + TaskFields.MAX_LABEL_LENGTH + " characters and not blank";
    }
    if (Text.hasControlCharacters(label)) {
      return "must not contain control characters";
    }
    return null;
  }

  /** What two labels that are the same label share: full case folding, as upper then lower case approximates it. */
  static String key(String label) {
    return label.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  @Override
  protected void write(JsonGenerator json, List<String> value) throws IOException {
    json.writeStartArray();
    for (String label : value) {
      json.writeString(label);
    }
    json.writeEndArray();
  }

  @Override
  protected Object store(List<String> value) {
    return value.isEmpty() ? null : value;
  }

  @Override
  protected List<String> load(Object stored) {
    List<String> labels = new ArrayList<>();
    for (Object label : (List<?>) stored) {
      labels.add((String) label);
    }
    return List.copyOf(labels);
  }
}
