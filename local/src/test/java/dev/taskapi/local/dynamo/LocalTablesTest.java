package dev.taskapi.local.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.dynalite.Dynalite;
import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The template's tables in a dynalite that keeps its data directory, as bin/start runs it: real DynamoDB calls. */
class LocalTablesTest {
  @TempDir Path dataDir;

  private static final Map<String, AttributeValue> KEY =
      Map.of("pk", AttributeValue.fromS("user#1"), "sk", AttributeValue.fromS("profile"));

  @Test
  void tablesAndItemsSurviveARestart() {
    SamTemplate template = TemplateLoader.load(TestTemplates.testTemplate(), Map.of(), "us-east-1");
    try (Dynalite dynalite = Dynalite.start(dataDir, 0);
        DynamoDbClient dynamo = LocalTables.client(dynalite.endpoint(), "us-east-1",
            dynalite.credentials().accessKeyId(), dynalite.credentials().secretAccessKey())) {
      assertEquals(List.of("ItemsTable"), LocalTables.createMissing(dynamo, template.tables()));
      assertEquals(List.of(), LocalTables.createMissing(dynamo, template.tables())); // idempotent
      dynamo.putItem(r -> r.tableName("ItemsTable").item(Map.of("pk", KEY.get("pk"), "sk", KEY.get("sk"),
          "name", AttributeValue.fromS("Ada"))));
    }
    try (Dynalite dynalite = Dynalite.start(dataDir, 0);
        DynamoDbClient dynamo = LocalTables.client(dynalite.endpoint(), "us-east-1",
            dynalite.credentials().accessKeyId(), dynalite.credentials().secretAccessKey())) {
      assertEquals(List.of(), LocalTables.createMissing(dynamo, template.tables()));
      assertEquals("Ada", dynamo.getItem(r -> r.tableName("ItemsTable").key(KEY)).item().get("name").s());
      assertEquals(1, dynamo.describeTable(r -> r.tableName("ItemsTable")).table().globalSecondaryIndexes().size());
    }
  }
}
