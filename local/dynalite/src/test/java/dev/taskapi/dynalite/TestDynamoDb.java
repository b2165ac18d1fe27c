package dev.taskapi.dynalite;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Which DynamoDB the tests use. By default each test JVM starts its own dynalite (no Docker needed). With
 * {@code -Dtaskapi.test.dynamodb=localstack} they run against LocalStack in a Testcontainers container
 * instead, and are skipped (not failed) where no Docker engine answers.
 */
public final class TestDynamoDb {
  public static final String SWITCH = "taskapi.test.dynamodb";
  private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";
  /** LocalStack accepts any key; "test" is its documented placeholder. */
  private static final String LOCALSTACK_CREDENTIAL = "test";

  private static LocalStackContainer localStack;
  private static Dynalite dynalite;

  private TestDynamoDb() {}

  /** The external endpoint to use, or empty for the tests' own dynalite. */
  public static synchronized Optional<String> externalEndpoint() {
    if (!"localstack".equals(System.getProperty(SWITCH))) {
      return Optional.empty();
    }
    Assumptions.assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(), "-D" + SWITCH + "=localstack needs a Docker engine");
    if (localStack == null) {
      localStack =
          // Testcontainers 2 names services as LocalStack's SERVICES variable does (its Service enum is gone).
          new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE)).withServices("dynamodb");
      localStack.start();
    }
    return Optional.of(localStack.getEndpoint().toString());
  }

  /**
   * The DynamoDB endpoint for tests that call it directly: the external one, else one in-memory dynalite that this
   * JVM's tests share (its node child ends with the JVM, however that ends). Each test keeps to keys of its own.
   */
  public static synchronized URI endpoint() {
    Optional<String> external = externalEndpoint();
    if (external.isPresent()) {
      return URI.create(external.get());
    }
    if (dynalite == null) {
      dynalite = Dynalite.start(null, 0);
    }
    return dynalite.endpoint();
  }

  /**
   * The credentials {@link #endpoint()} accepts: the shared dynalite's own (random per start), or the placeholder
   * LocalStack takes.
   */
  public static synchronized Dynalite.Credentials credentials() {
    if (externalEndpoint().isPresent()) {
      return new Dynalite.Credentials(LOCALSTACK_CREDENTIAL, LOCALSTACK_CREDENTIAL);
    }
    endpoint();
    return dynalite.credentials();
  }

  /** A plain SDK client of {@code dynalite}, signing with the credentials it accepts. */
  public static DynamoDbClient client(Dynalite dynalite) {
    return client(dynalite.endpoint(), dynalite.credentials());
  }

  /** A plain SDK client of {@code endpoint}, signing with {@code credentials}. */
  public static DynamoDbClient client(URI endpoint, Dynalite.Credentials credentials) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Creates {@code table}, on-demand, keyed by a string {@code pk} alone: for tests of single items. */
  public static void createTableOfPk(DynamoDbClient dynamo, String table) {
    dynamo.createTable(r -> r.tableName(table)
        .billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
  }

  /** The environment for a local stack: the process's, pointed at the chosen DynamoDB. */
  public static Map<String, String> stackEnvironment() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("DYNAMODB_ENDPOINT"); // never whatever the developer's shell points at
    externalEndpoint()
        .ifPresent(
            endpoint -> {
              environment.put("DYNAMODB_ENDPOINT", endpoint);
              environment.put("AWS_ACCESS_KEY_ID", LOCALSTACK_CREDENTIAL);
              environment.put("AWS_SECRET_ACCESS_KEY", LOCALSTACK_CREDENTIAL);
            });
    return environment;
  }
}
