package dev.taskapi.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The project's template.yaml (one directory up from this module), parsed as the local stack parses it. */
final class ProjectTemplate {
  static final Path PATH = Path.of("..", "template.yaml");

  private ProjectTemplate() {}

  /** A fresh, mutable copy each call, intrinsics in their long form ({@code {Ref: x}}). */
  static Map<String, Object> parse() {
    try {
      return CfnYaml.parse(Files.readString(PATH));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** The Properties of one resource of the template. */
  static Map<String, Object> properties(Map<String, Object> template, String logicalId) {
    return map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
  }
}
