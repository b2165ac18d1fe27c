package dev.taskapi.config;

import java.util.Map;
import java.util.Optional;

/**
 * A function's environment variables. Handlers take it as a map rather than reading {@code System.getenv()}
 * deep inside, so the local stack and tests can give each function its own environment in one JVM.
 */
public record Environment(Map<String, String> variables) {
  public Environment {
    variables = Map.copyOf(variables);
  }

  public Optional<String> find(String name) {
    return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
  }

  public String required(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
  }

  public String optional(String name, String fallback) {
    return find(name).orElse(fallback);
  }

  public long longValue(String name, long fallback) {
    String value = optional(name, Long.toString(fallback));
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("environment variable " + name + " must be a whole number");
    }
  }
}
