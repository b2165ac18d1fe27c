package dev.taskapi.local.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.dynalite.Dynalite;
import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Real dynalite, real DynamoDB calls. */
class DynaliteTest {
  @TempDir Path dataDir;

  private static final Map<String, AttributeValue> KEY =
      Map.of("pk", AttributeValue.fromS("user#1"), "sk", AttributeValue.fromS("profile"));

  @Test
  void tablesAndItemsSurviveARestart() {
    SamTemplate template = TemplateLoader.load(TestTemplates.testTemplate(), Map.of(), "us-east-1");
    try (Dynalite dynalite = Dynalite.start(dataDir, 0);
        DynamoDbClient dynamo = LocalTables.client(dynalite.endpoint(), "us-east-1", "local", "local")) {
      assertEquals(List.of("ItemsTable"), LocalTables.createMissing(dynamo, template.tables()));
      assertEquals(List.of(), LocalTables.createMissing(dynamo, template.tables())); // idempotent
      dynamo.putItem(r -> r.tableName("ItemsTable").item(Map.of("pk", KEY.get("pk"), "sk", KEY.get("sk"),
          "name", AttributeValue.fromS("Ada"))));
    }
    try (Dynalite dynalite = Dynalite.start(dataDir, 0);
        DynamoDbClient dynamo = LocalTables.client(dynalite.endpoint(), "us-east-1", "local", "local")) {
      assertEquals(List.of(), LocalTables.createMissing(dynamo, template.tables()));
      assertEquals("Ada", dynamo.getItem(r -> r.tableName("ItemsTable").key(KEY)).item().get("name").s());
      assertEquals(1, dynamo.describeTable(r -> r.tableName("ItemsTable")).table().globalSecondaryIndexes().size());
    }
  }

  @Test
  void inMemoryAndStoppedMeansGone() {
    java.net.URI endpoint;
    try (Dynalite dynalite = Dynalite.start(null, 0);
        DynamoDbClient dynamo = LocalTables.client(dynalite.endpoint(), "us-east-1", "local", "local")) {
      endpoint = dynalite.endpoint();
      assertFalse(dynamo.listTables().hasTableNames() && !dynamo.listTables().tableNames().isEmpty());
    }
    try (DynamoDbClient dynamo = LocalTables.client(endpoint, "us-east-1", "local", "local")) {
      assertThrows(SdkClientException.class, dynamo::listTables);
    }
  }

  @Test
  void aClientAbortingMidRequestDoesNotStopTheDatabase() throws Exception {
    try (Dynalite dynalite = Dynalite.start(null, 0);
        DynamoDbClient dynamo = LocalTables.client(dynalite.endpoint(), "us-east-1", "local", "local")) {
      for (int i = 0; i < 3; i++) {
        // Headers promise a body that never comes; then the connection drops, as a timed-out SDK attempt does.
        try (Socket socket = new Socket(dynalite.endpoint().getHost(), dynalite.endpoint().getPort())) {
          socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
              + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{\"Li")
              .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          Thread.sleep(100);
        }
      }
      Thread.sleep(200);
      dynamo.listTables(); // still serving
    }
  }

  @Test
  void busyPortFailsWithAClearMessage() {
    try (Dynalite first = Dynalite.start(null, 0)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Dynalite.start(null, first.endpoint().getPort()));
      assertEquals(true, e.getMessage().contains("did not start on port " + first.endpoint().getPort()),
          e.getMessage());
    }
  }
}
