package dev.taskapi.security;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.e2e.LocalApi;
import dev.taskapi.e2e.StackTable;
import dev.taskapi.local.LocalStackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A private local stack for one security suite, with its output captured from before it starts, its table
 * readable directly, and the values that must never appear in that output.
 */
final class SecurityStack implements AutoCloseable {
  /** Failed logins are meant to be written (they are the limit's counter); every other change is a finding. */
  static final Predicate<String> NOT_A_FAILED_LOGIN_RECORD = key -> !key.startsWith("LOGIN#");

  private final LogCapture logs;
  private final LocalApi api;
  private final StackTable table;

  private SecurityStack(UnaryOperator<LocalStackOptions> customize) {
    logs = LogCapture.start();
    api = LocalApi.startPrivate(customize);
    table = new StackTable(api.stack());
  }

  static SecurityStack start() {
    return new SecurityStack(UnaryOperator.identity());
  }

  /** A stack whose options the suite changes, e.g. template parameters. */
  static SecurityStack start(UnaryOperator<LocalStackOptions> customize) {
    return new SecurityStack(customize);
  }

  ApiClient client() {
    return api.client();
  }

  LocalApi api() {
    return api;
  }

  /** The table's items, without the failed-login counters. */
  Map<String, Map<String, AttributeValue>> items() {
    return table.snapshot().entrySet().stream()
        .filter(e -> NOT_A_FAILED_LOGIN_RECORD.test(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  StackTable table() {
    return table;
  }

  String capturedLogs() {
    return logs.text();
  }

  /** The stack's own secrets: the signing and cursor keys and each function's secret key and session token. */
  List<String> stackSecrets() {
    List<String> secrets = new ArrayList<>(List.of(secret("SigningKeySecret"), secret("CursorKeySecret")));
    api.stack().runtime().lambdaEnvironment().credentials().values().forEach(credentials -> {
      secrets.add(credentials.secretAccessKey());
      secrets.add(credentials.sessionToken());
    });
    return secrets;
  }

  static void assertProblemJson(Response response) {
    assertProblemJson(response, "");
  }

  /** An RFC 9457 body whose status is the response's; {@code context} says which request, for the report. */
  static void assertProblemJson(Response response, String context) {
    if (!response.contentType().startsWith("application/problem+json")) {
      throw new AssertionError(context + " -> not problem+json: " + response.status() + " "
          + response.contentType() + " " + response.text());
    }
    if (response.json().path("status").asInt() != response.status()
        || response.json().path("title").asText().isEmpty()) {
      throw new AssertionError(context + " -> not a problem body: " + response.text());
    }
  }

  @Override
  public void close() {
    try {
      table.close();
      api.close();
    } finally {
      logs.close();
    }
  }

  private String secret(String name) {
    try {
      return Files.readString(api.dataDir().resolve("secrets").resolve(name)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
