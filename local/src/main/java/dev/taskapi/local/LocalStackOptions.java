package dev.taskapi.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start the local stack.
 *
 * @param dataDir holds {@code dynamodb/} (dynalite's LevelDB) and {@code secrets/}; kept across restarts
 * @param port the API's port; 0 picks a free one
 * @param dynamoDbPort dynalite's port; 0 picks a free one
 * @param environment the process environment the stack reads (DYNAMODB_ENDPOINT, AWS_REGION, credentials,
 *     TASKAPI_SECRET_*); the functions never see it (they get what Lambda gives, see LambdaEnvironment)
 */
public record LocalStackOptions(
    Path template,
    Path dataDir,
    String host,
    int port,
    int dynamoDbPort,
    Map<String, String> parameterOverrides,
    Map<String, String> environment) {

  public static final int DEFAULT_PORT = 3000;

  public LocalStackOptions {
    parameterOverrides = Map.copyOf(parameterOverrides);
    environment = Map.copyOf(environment);
  }

  /** template.yaml and .data in the working directory, 127.0.0.1:3000, the process environment. */
  public static LocalStackOptions defaults() {
    return new LocalStackOptions(
        Path.of("template.yaml"), Path.of(".data"), "127.0.0.1", DEFAULT_PORT, 0, Map.of(), System.getenv());
  }

  public LocalStackOptions withTemplate(Path newTemplate) {
    return new LocalStackOptions(newTemplate, dataDir, host, port, dynamoDbPort, parameterOverrides, environment);
  }

  public LocalStackOptions withDataDir(Path newDataDir) {
    return new LocalStackOptions(template, newDataDir, host, port, dynamoDbPort, parameterOverrides, environment);
  }

  public LocalStackOptions withHost(String newHost) {
    return new LocalStackOptions(template, dataDir, newHost, port, dynamoDbPort, parameterOverrides, environment);
  }

  public LocalStackOptions withPort(int newPort) {
    return new LocalStackOptions(template, dataDir, host, newPort, dynamoDbPort, parameterOverrides, environment);
  }

  public LocalStackOptions withDynamoDbPort(int newPort) {
    return new LocalStackOptions(template, dataDir, host, port, newPort, parameterOverrides, environment);
  }

  /** These overrides added to the ones already set (a name set again takes the new value). */
  public LocalStackOptions withParameterOverrides(Map<String, String> overrides) {
    Map<String, String> merged = new java.util.LinkedHashMap<>(parameterOverrides);
    merged.putAll(overrides);
    return new LocalStackOptions(template, dataDir, host, port, dynamoDbPort, merged, environment);
  }

  public LocalStackOptions withEnvironment(Map<String, String> newEnvironment) {
    return new LocalStackOptions(template, dataDir, host, port, dynamoDbPort, parameterOverrides, newEnvironment);
  }
}
