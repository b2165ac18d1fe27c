package dev.taskapi.local.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.dynalite.Dynalite;
import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The template's tables in a dynalite that keeps its data directory, as bin/start runs it: real DynamoDB calls. */
class LocalTablesTest {
  @TempDir Path dataDir;

  private static final Map<String, AttributeValue> KEY =
      Map.of("pk", AttributeValue.fromS("user#1"), "sk", AttributeValue.fromS("profile"));

  @Test
  void tablesAndItemsSurviveARestart() {
    SamTemplate template = TemplateLoader.load(TestTemplates.testTemplate(), Map.of(), "us-east-1");
    try (Dynalite dynalite = Dynalite.start(dataDir, 0); DynamoDbClient dynamo = client(dynalite)) {
      assertEquals(List.of("created table ItemsTable"), LocalTables.deploy(dynamo, template.tables()));
      assertEquals(List.of(), LocalTables.deploy(dynamo, template.tables())); // idempotent
      dynamo.putItem(r -> r.tableName("ItemsTable").item(Map.of("pk", KEY.get("pk"), "sk", KEY.get("sk"),
          "name", AttributeValue.fromS("Ada"))));
    }
    try (Dynalite dynalite = Dynalite.start(dataDir, 0); DynamoDbClient dynamo = client(dynalite)) {
      assertEquals(List.of(), LocalTables.deploy(dynamo, template.tables()));
      assertEquals("Ada", dynamo.getItem(r -> r.tableName("ItemsTable").key(KEY)).item().get("name").s());
      assertEquals(1, dynamo.describeTable(r -> r.tableName("ItemsTable")).table().globalSecondaryIndexes().size());
    }
  }

  @Test
  void anExistingTableGainsTheTemplatesNewGlobalIndexHoldingTheItemsAlreadyThere() {
    try (Dynalite dynalite = Dynalite.start(dataDir, 0); DynamoDbClient dynamo = client(dynalite)) {
      LocalTables.deploy(dynamo, table("").tables());
      dynamo.putItem(r -> r.tableName("Things").item(Map.of("pk", AttributeValue.fromS("a"),
          "sk", AttributeValue.fromS("1"), "rank_sk", AttributeValue.fromS("x"))));

      assertEquals(List.of("Things: created global secondary index by-rank, backfilled from the items already there"),
          LocalTables.deploy(dynamo, table(globalIndexes("by-rank")).tables()));

      TableDescription table = dynamo.describeTable(r -> r.tableName("Things")).table();
      assertEquals("ACTIVE", table.globalSecondaryIndexes().getFirst().indexStatusAsString());
      assertEquals(List.of("a"), dynamo.query(r -> r.tableName("Things").indexName("by-rank")
              .keyConditionExpression("pk = :pk")
              .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("a"))))
          .items().stream().map(item -> item.get("pk").s()).toList());
      assertEquals(List.of(), LocalTables.deploy(dynamo, table(globalIndexes("by-rank")).tables()), "nothing more to do");
    }
  }

  @Test
  void aTemplateAddingTwoGlobalIndexesToAnExistingTableStopsTheStartAsTheStackUpdateWouldFail() throws IOException {
    Path before = Files.writeString(dataDir.resolve("before.yaml"), tableYaml(""));
    Path after = Files.writeString(dataDir.resolve("after.yaml"), tableYaml(globalIndexes("by-rank", "by-other")));
    LocalStackOptions options = LocalStackOptions.defaults().withDataDir(dataDir.resolve("data")).withEnvironment(Map.of());
    LocalRuntime.start(options.withTemplate(before)).close();

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> LocalRuntime.start(options.withTemplate(after)).close());

    assertTrue(refused.getMessage().contains("Cannot perform more than one GSI creation or deletion in a single update"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("Nothing was changed"), refused.getMessage());
    try (LocalRuntime runtime = LocalRuntime.start(options.withTemplate(before));
        DynamoDbClient dynamo = LocalTables.client(runtime.dynamoDbEndpoint(), "us-east-1",
            runtime.backendCredentials())) {
      assertFalse(dynamo.describeTable(r -> r.tableName("Things")).table().hasGlobalSecondaryIndexes());
    }
  }

  @Test
  void aChangedLocalIndexStopsTheStartAsItNeedsANewTable() {
    try (Dynalite dynalite = Dynalite.start(dataDir, 0); DynamoDbClient dynamo = client(dynalite)) {
      LocalTables.deploy(dynamo, table("").tables());
      String withLocalIndex = tableYaml("""
                LocalSecondaryIndexes:
                  - IndexName: by-rank-local
                    KeySchema:
                      - {AttributeName: pk, KeyType: HASH}
                      - {AttributeName: rank_sk, KeyType: RANGE}
                    Projection: {ProjectionType: ALL}
          """);

      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> LocalTables.deploy(dynamo, TemplateLoader.parse(withLocalIndex, Map.of(), "us-east-1").tables()));

      assertTrue(refused.getMessage().contains("LocalSecondaryIndexes change"), refused.getMessage());
    }
  }

  private static SamTemplate table(String indexes) {
    return TemplateLoader.parse(tableYaml(indexes), Map.of(), "us-east-1");
  }

  /** The table, with the rank_sk attribute and these index properties when there are some. */
  private static String tableYaml(String indexes) {
    return """
        Resources:
          Things:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: Things
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - {AttributeName: pk, AttributeType: S}
                - {AttributeName: sk, AttributeType: S}
        """ + (indexes.isEmpty() ? "" : "        - {AttributeName: rank_sk, AttributeType: S}\n") + """
              KeySchema:
                - {AttributeName: pk, KeyType: HASH}
                - {AttributeName: sk, KeyType: RANGE}
        """ + indexes;
  }

  /** GlobalSecondaryIndexes on (pk, rank_sk) of these names. */
  private static String globalIndexes(String... names) {
    StringBuilder yaml = new StringBuilder("      GlobalSecondaryIndexes:\n");
    for (String name : names) {
      yaml.append("""
                - IndexName: %s
                  KeySchema:
                    - {AttributeName: pk, KeyType: HASH}
                    - {AttributeName: rank_sk, KeyType: RANGE}
                  Projection: {ProjectionType: ALL}
          """.formatted(name));
    }
    return yaml.toString();
  }

  private static DynamoDbClient client(Dynalite dynalite) {
    return LocalTables.client(dynalite.endpoint(), "us-east-1",
        dynalite.credentials().accessKeyId(), dynalite.credentials().secretAccessKey());
  }
}
