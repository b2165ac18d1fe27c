package dev.taskapi.store.dynamodb;

import dev.taskapi.config.Environment;
import dev.taskapi.dynalite.TestDynamoDb;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The API's table on the tests' DynamoDB ({@link TestDynamoDb}: this JVM's dynalite, or LocalStack), created once
 * per JVM from the {@code TasksTable} resource of template.yaml, so the stores are tested against the key schema
 * and indexes that are deployed. It is named by its logical id, as the local stack names it (the template sets no
 * TableName). Clients get the production configuration ({@link DynamoDbClients#builder}).
 */
final class TestTable {
  static final String NAME = "TasksTable";
  private static final Path TEMPLATE = Path.of("..", "..", "template.yaml");
  /** The AWS::DynamoDB::Table properties this creates the table from; anything else there would be lost. */
  private static final List<String> READ =
      List.of("AttributeDefinitions", "KeySchema", "LocalSecondaryIndexes", "GlobalSecondaryIndexes", "BillingMode");
  /**
   * Properties with no effect on what a store call returns (backups, encryption, TTL: dynalite has none; the
   * stream, which records writes for its readers and changes no answer of the stores').
   */
  private static final List<String> IGNORED = List.of("TimeToLiveSpecification", "PointInTimeRecoverySpecification",
      "SSESpecification", "StreamSpecification");

  private static boolean created;
  private static DynamoDbClient shared;

  private TestTable() {}

  /** One client for this JVM's tests, never closed: it holds nothing that outlives the JVM. */
  static synchronized DynamoDbClient client() {
    if (shared == null) {
      shared = newClient();
    }
    return shared;
  }

  /** A client of the tests' DynamoDB with the production configuration, the table created if missing. */
  static synchronized DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
    DynamoDbClientBuilder builder = DynamoDbClients.builder(environment(TestDynamoDb.endpoint().toString()));
    // Added to the production configuration: the builder's Consumer overload would start from an empty one and
    // drop the timeouts, retries and priming guard (SdkClientBuilder.overrideConfiguration(Consumer), SDK 2.59).
    ClientOverrideConfiguration.Builder configuration = builder.overrideConfiguration().toBuilder();
    for (ExecutionInterceptor interceptor : interceptors) {
      configuration.addExecutionInterceptor(interceptor);
    }
    builder.overrideConfiguration(configuration.build());
    DynamoDbClient client = builder.build();
    if (!created) {
      createIfMissing(client);
      created = true;
    }
    return client;
  }

  /** The functions' environment, pointed at {@code endpoint}. */
  static Environment environment(String endpoint) {
    return new Environment(
        Map.of(
            "DYNAMODB_ENDPOINT", endpoint,
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", TestDynamoDb.credentials().accessKeyId(),
            "AWS_SECRET_ACCESS_KEY", TestDynamoDb.credentials().secretAccessKey()));
  }

  private static void createIfMissing(DynamoDbClient client) {
    try {
      client.describeTable(r -> r.tableName(NAME));
    } catch (ResourceNotFoundException e) {
      client.createTable(request(templateProperties()));
    }
  }

  /** CreateTable from the resource's properties, which name CreateTable's own members (CloudFormation's design). */
  static CreateTableRequest request(Map<String, Object> properties) {
    for (String name : properties.keySet()) {
      if (!READ.contains(name) && !IGNORED.contains(name)) {
        throw new IllegalStateException("template.yaml's " + NAME + " has " + name + ", which TestTable ignores");
      }
    }
    return CreateTableRequest.builder()
        .tableName(NAME)
        .billingMode((String) properties.get("BillingMode"))
        .attributeDefinitions(
            TestTable.<String>maps(properties.get("AttributeDefinitions")).stream()
                .map(a -> AttributeDefinition.builder()
                    .attributeName(a.get("AttributeName"))
                    .attributeType(a.get("AttributeType"))
                    .build())
                .toList())
        .keySchema(keys(properties.get("KeySchema")))
        .localSecondaryIndexes(
            maps(properties.getOrDefault("LocalSecondaryIndexes", List.of())).stream()
                .map(i -> LocalSecondaryIndex.builder()
                    .indexName((String) i.get("IndexName"))
                    .keySchema(keys(i.get("KeySchema")))
                    .projection(p -> p.projectionType(TestTable.<String>map(i.get("Projection")).get("ProjectionType")))
                    .build())
                .toList())
        .globalSecondaryIndexes(
            maps(properties.getOrDefault("GlobalSecondaryIndexes", List.of())).stream()
                .map(i -> GlobalSecondaryIndex.builder()
                    .indexName((String) i.get("IndexName"))
                    .keySchema(keys(i.get("KeySchema")))
                    .projection(p -> p.projectionType(TestTable.<String>map(i.get("Projection")).get("ProjectionType")))
                    .build())
                .toList())
        .build();
  }

  private static List<KeySchemaElement> keys(Object keySchema) {
    return maps(keySchema).stream()
        .map(k -> KeySchemaElement.builder()
            .attributeName((String) k.get("AttributeName"))
            .keyType((String) k.get("KeyType"))
            .build())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static <V> List<Map<String, V>> maps(Object list) {
    return (List<Map<String, V>>) list;
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> map(Object map) {
    return (Map<String, V>) map;
  }

  /**
   * The resource's properties as plain maps, lists and strings. The template is composed, not constructed: its
   * CloudFormation tags ({@code !Sub}, {@code !Ref} ...) elsewhere need no meaning here, and this resource has none.
   */
  private static Map<String, Object> templateProperties() {
    try (Reader reader = Files.newBufferedReader(TEMPLATE)) {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
      Map<String, Object> resources = map(map(plain(root)).get("Resources"));
      return map(map(resources.get(NAME)).get("Properties"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object plain(Node node) {
    return switch (node) {
      case ScalarNode scalar -> scalar.getValue();
      case SequenceNode sequence -> sequence.getValue().stream().map(TestTable::plain).toList();
      case MappingNode mapping -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
          map.put(((ScalarNode) tuple.getKeyNode()).getValue(), plain(tuple.getValueNode()));
        }
        yield map;
      }
      default -> throw new IllegalStateException("unexpected YAML node " + node);
    };
  }
}
