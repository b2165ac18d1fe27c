package dev.taskapi.local;

import dev.taskapi.local.dynamo.LocalTables;
import dev.taskapi.local.lambda.LambdaEnvironment;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.secrets.LocalSecrets;
import dev.taskapi.local.secrets.SecretsEndpoint;
import dev.taskapi.local.template.FakeAws;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything a function needs around it, without the API: DynamoDB (dynalite, or DYNAMODB_ENDPOINT) with the
 * template's tables, the secrets endpoint, and the functions with their environment.
 */
public final class LocalRuntime implements AutoCloseable {
  private static final String LOCAL_CREDENTIAL = "local";

  private final SamTemplate template;
  private final Path dataDir;
  private final URI dynamoDbEndpoint;
  private final LambdaEnvironment environment;
  private final List<AutoCloseable> resources;
  private final LambdaFunctions functions;

  private LocalRuntime(SamTemplate template, Path dataDir, URI dynamoDbEndpoint, LambdaEnvironment environment,
      List<AutoCloseable> resources, LambdaFunctions functions) {
    this.template = template;
    this.dataDir = dataDir;
    this.dynamoDbEndpoint = dynamoDbEndpoint;
    this.environment = environment;
    this.resources = resources;
    this.functions = functions;
  }

  public static LocalRuntime start(LocalStackOptions options) {
    Map<String, String> env = options.environment();
    String region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), FakeAws.DEFAULT_REGION);
    SamTemplate template = TemplateLoader.load(options.template(), options.parameterOverrides(), region);
    Path dataDir = options.dataDir().toAbsolutePath();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      String external = env.get("DYNAMODB_ENDPOINT");
      URI endpoint;
      String accessKey = LOCAL_CREDENTIAL;
      String secretKey = LOCAL_CREDENTIAL;
      String sessionToken = randomToken();
      if (external != null && !external.isBlank()) {
        endpoint = URI.create(external);
        // A real endpoint needs real credentials; take them from the environment when it has them.
        if (!isBlank(env.get("AWS_ACCESS_KEY_ID")) && !isBlank(env.get("AWS_SECRET_ACCESS_KEY"))) {
          accessKey = env.get("AWS_ACCESS_KEY_ID");
          secretKey = env.get("AWS_SECRET_ACCESS_KEY");
          sessionToken = firstNonBlank(env.get("AWS_SESSION_TOKEN"), sessionToken);
        }
      } else {
        Dynalite dynalite = Dynalite.start(dataDir.resolve("dynamodb"), options.dynamoDbPort());
        started.add(dynalite);
        endpoint = dynalite.endpoint();
      }
      try (DynamoDbClient dynamo = LocalTables.client(endpoint, region, accessKey, secretKey)) {
        LocalTables.createMissing(dynamo, template.tables());
      }
      LocalSecrets secrets = LocalSecrets.load(template.secrets(), dataDir, env, region);
      SecretsEndpoint secretsEndpoint = SecretsEndpoint.start(secrets, sessionToken, 0);
      started.add(secretsEndpoint);
      LambdaEnvironment lambdaEnvironment = new LambdaEnvironment(region, endpoint, accessKey, secretKey,
          sessionToken, secretsEndpoint.port());
      LambdaFunctions functions = new LambdaFunctions(template, lambdaEnvironment);
      started.add(functions);
      return new LocalRuntime(template, dataDir, endpoint, lambdaEnvironment, started, functions);
    } catch (IOException | RuntimeException e) {
      closeAll(started);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Cannot start the local runtime: " + e, e);
    }
  }

  public SamTemplate template() {
    return template;
  }

  public LambdaFunctions functions() {
    return functions;
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The environment the local Lambda service gives functions (credentials, endpoints, session token). */
  public LambdaEnvironment lambdaEnvironment() {
    return environment;
  }

  /** Stops the functions' executor, the secrets endpoint and dynalite, in reverse start order. */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.err.println("Error while stopping " + resources.get(i) + ": " + e);
      }
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (!isBlank(value)) {
        return value;
      }
    }
    return null;
  }
}
