package dev.taskapi.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to start the local stack.
 *
 * @param dataDir holds {@code dynamodb/} (dynalite's LevelDB) and {@code secrets/}; kept across restarts
 * @param port the API's port; 0 picks a free one
 * @param dynamoDbPort dynalite's port; 0 picks a free one
 * @param environment the process environment the stack reads (DYNAMODB_ENDPOINT, AWS_REGION, credentials,
 *     TASKAPI_SECRET_*); the functions never see it (they get what Lambda gives, see LambdaEnvironment)
 * @param schedulerRetryDelay the local EventBridge Scheduler's delay before a failed invocation's first retry,
 *     doubled before each next one (AWS documents exponential backoff, not its delays); tests shorten it
 */
public record LocalStackOptions(
    Path template,
    Path dataDir,
    String host,
    int port,
    int dynamoDbPort,
    Map<String, String> parameterOverrides,
    Map<String, String> environment,
    Duration schedulerRetryDelay) {

  public static final int DEFAULT_PORT = 3000;
  public static final Duration DEFAULT_SCHEDULER_RETRY_DELAY = Duration.ofSeconds(1);

  public LocalStackOptions {
    parameterOverrides = Map.copyOf(parameterOverrides);
    environment = Map.copyOf(environment);
  }

  /** template.yaml and .data in the working directory, 127.0.0.1:3000, the process environment. */
  public static LocalStackOptions defaults() {
    return new LocalStackOptions(
        Path.of("template.yaml"), Path.of(".data"), "127.0.0.1", DEFAULT_PORT, 0, Map.of(), System.getenv(),
        DEFAULT_SCHEDULER_RETRY_DELAY);
  }

  public LocalStackOptions withTemplate(Path newTemplate) {
    return new LocalStackOptions(newTemplate, dataDir, host, port, dynamoDbPort, parameterOverrides, environment,
        schedulerRetryDelay);
  }

  public LocalStackOptions withDataDir(Path newDataDir) {
    return new LocalStackOptions(template, newDataDir, host, port, dynamoDbPort, parameterOverrides, environment,
        schedulerRetryDelay);
  }

  public LocalStackOptions withHost(String newHost) {
    return new LocalStackOptions(template, dataDir, newHost, port, dynamoDbPort, parameterOverrides, environment,
        schedulerRetryDelay);
  }

  public LocalStackOptions withPort(int newPort) {
    return new LocalStackOptions(template, dataDir, host, newPort, dynamoDbPort, parameterOverrides, environment,
        schedulerRetryDelay);
  }

  public LocalStackOptions withDynamoDbPort(int newPort) {
    return new LocalStackOptions(template, dataDir, host, port, newPort, parameterOverrides, environment,
        schedulerRetryDelay);
  }

  /** These overrides added to the ones already set (a name set again takes the new value). */
  public LocalStackOptions withParameterOverrides(Map<String, String> overrides) {
    Map<String, String> merged = new java.util.LinkedHashMap<>(parameterOverrides);
    merged.putAll(overrides);
    return new LocalStackOptions(template, dataDir, host, port, dynamoDbPort, merged, environment, schedulerRetryDelay);
  }

  public LocalStackOptions withSchedulerRetryDelay(Duration newDelay) {
    return new LocalStackOptions(template, dataDir, host, port, dynamoDbPort, parameterOverrides, environment,
        newDelay);
  }

  public LocalStackOptions withEnvironment(Map<String, String> newEnvironment) {
    return new LocalStackOptions(template, dataDir, host, port, dynamoDbPort, parameterOverrides, newEnvironment,
        schedulerRetryDelay);
  }
}
