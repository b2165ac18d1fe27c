package dev.taskapi.config;

import java.util.Map;
import java.util.Optional;

/**
 * A function's environment variables, read through {@link #current()} by the handlers' no-argument constructors
 * (and taken as a value by everything they wire).
 */
public record Environment(Map<String, String> variables) {
  /**
   * What {@link #current()} returns instead of the process environment, or null (on Lambda: always).
   *
   * <p>Why it exists: Lambda runs each function in an execution environment of its own, never shared across
   * functions ("Lambda isolation technologies", Security Overview of AWS Lambda,
   * https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html),
   * so there {@code System.getenv()} is the function's own environment ("Using Lambda environment variables",
   * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html). The local stack runs every function
   * in one JVM, whose process environment is the same for all of them; but each function has a class loader of
   * its own and, from its own jar, its own copy of this class, and the local stack sets this field in that copy
   * before it loads the handler.
   */
  private static volatile Map<String, String> replacement;

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** This function's variables: the process environment, unless {@link #setCurrent} replaced it. */
  public static Environment current() {
    Map<String, String> given = replacement;
    return new Environment(given != null ? given : System.getenv());
  }

  /**
   * Makes {@code variables} what {@link #current()} returns, in this class loader's copy of this class. For a
   * host that runs functions in a JVM they share (the local stack's Lambda runtime; tests and benchmarks that
   * construct handlers in their own JVM), before it constructs a handler. Nothing calls it on Lambda.
   */
  public static void setCurrent(Map<String, String> variables) {
    replacement = Map.copyOf(variables);
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
