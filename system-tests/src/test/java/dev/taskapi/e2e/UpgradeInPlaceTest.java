package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.dynalite.Dynalite;
import dev.taskapi.local.LocalStack;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.dynamo.LocalTables;
import dev.taskapi.local.template.TableDef;
import dev.taskapi.local.template.TemplateLoader;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.dynamodb.DynamoDbTaskStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A data folder as the previous main left it (its table with the by-position index but without by-created, which
 * this release adds, holding the task items the code before issue 22 really wrote: {@code
 * upgrade/tasks-before-issue-22.json} of store-dynamodb, see its README) started by this code's local stack, which
 * updates it as {@code sam deploy} updates the stack: the table gains the index in place (LocalTables), and the
 * TaskIndexBackfill custom resource gives every old task its keys (position_sk and created_sk); the new code then
 * lists them newest first by the new index and edits one.
 * The backfill runs one item per page, each page an invocation of its own (the test parameters), so its hand-over
 * to a new asynchronous invocation is exercised too.
 */
class UpgradeInPlaceTest {
  private static final Path OLD_ITEMS =
      Path.of("..", "shared", "store-dynamodb", "src", "test", "resources", "upgrade", "tasks-before-issue-22.json");

  @TempDir Path dataDir;

  @Test
  void theStackUpdatesTheOldTableInPlaceAndBackfillsEveryOldTaskOnceOnly() throws IOException {
    LocalStackOptions options = LocalApi.options(dataDir).withParameterOverrides(Map.of(
        "TaskIndexBackfillPageSize", "1", "TaskIndexBackfillHandoverSeconds", "3600"));
    Map<String, Map<String, AttributeValue>> before = writeAsThePreviousMainDid(options);

    Map<String, Map<String, AttributeValue>> upgraded;
    try (LocalStack stack = LocalStack.start(options); StackTable table = new StackTable(stack);
        DynamoDbClient dynamo = backend(stack)) {
      TableDescription described =
          dynamo.describeTable(r -> r.tableName(stack.template().tables().getFirst().tableName())).table();
      described.globalSecondaryIndexes().forEach(index -> assertEquals("ACTIVE", index.indexStatusAsString()));
      assertEquals(java.util.Set.of(TaskItem.BY_POSITION, TaskItem.BY_CREATED),
          described.globalSecondaryIndexes().stream().map(index -> index.indexName()).collect(
              java.util.stream.Collectors.toSet()));

      upgraded = table.snapshot();
      DynamoDbTaskStore tasks = new DynamoDbTaskStore(dynamo, described.tableName());
      for (Map.Entry<String, Map<String, AttributeValue>> old : before.entrySet()) {
        Map<String, AttributeValue> now = new LinkedHashMap<>(upgraded.get(old.getKey()));
        String owner = now.get(TaskItem.USER_ID).s();
        String id = now.get(TaskItem.TASK_ID).s();
        assertEquals(DynamoDbTaskStore.positionSortKey(tasks.find(owner, id).orElseThrow()),
            now.remove(TaskItem.POSITION_SK).s(), "the key the store computes for " + id);
        assertEquals(DynamoDbTaskStore.createdSortKey(tasks.find(owner, id).orElseThrow()),
            now.remove(TaskItem.CREATED_SK).s(), "the creation key the store computes for " + id);
        assertEquals(old.getValue(), now, "nothing else changed: version, updated_at, every field");
      }
      String owner = before.values().iterator().next().get(TaskItem.USER_ID).s();
      for (String index : List.of(TaskItem.BY_POSITION, TaskItem.BY_CREATED)) {
        assertEquals(before.keySet().stream().map(key -> key.substring(key.indexOf('|') + 1)).toList(),
            dynamo.query(r -> r.tableName(described.tableName()).indexName(index)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(owner)))))
                .items().stream().map(item -> item.get("sk").s()).toList(),
            "every old task is in " + index + ", oldest first");
      }
      // Read and changed by the new code: the default listing (newest first, by-created), then an edit.
      TaskQuery newestFirst = TaskQuery.parse(name -> java.util.Optional.empty(), new java.util.ArrayList<>());
      List<String> listed = tasks.query(owner, newestFirst, 100, java.util.Optional.empty()).tasks().stream()
          .map(task -> TaskItem.SORT_PREFIX + task.id()).toList();
      assertEquals(before.keySet().stream().map(key -> key.substring(key.indexOf('|') + 1)).toList().reversed(),
          listed);
      String oldest = listed.getLast().substring(TaskItem.SORT_PREFIX.length());
      assertTrue(tasks.update(owner, oldest, TaskChanges.none().set(TaskFields.TITLE, "edited by the new code"),
          java.util.Optional.empty(), java.time.Instant.now()).isPresent());
      assertEquals(listed, tasks.query(owner, newestFirst, 100, java.util.Optional.empty()).tasks().stream()
          .map(task -> TaskItem.SORT_PREFIX + task.id()).toList(), "an edit keeps its place in creation order");
      // Taken out again, as if never backfilled: a start that reran the backfill would put it back.
      String first = before.keySet().iterator().next();
      dynamo.updateItem(r -> r.tableName(described.tableName()).key(Map.of(
              "pk", AttributeValue.fromS(first.substring(0, first.indexOf('|'))),
              "sk", AttributeValue.fromS(first.substring(first.indexOf('|') + 1))))
          .updateExpression("REMOVE position_sk"));
    }

    try (LocalStack stack = LocalStack.start(options); StackTable table = new StackTable(stack)) {
      String first = before.keySet().iterator().next();
      assertFalse(table.snapshot().get(first).containsKey(TaskItem.POSITION_SK),
          "the properties did not change: no Update, the backfill did not run again");
      JsonNode state = new ObjectMapper().readTree(dataDir.resolve("custom-resources.json").toFile());
      assertEquals("2", state.path("TaskIndexBackfill").path("Properties").path("IndexVersion").asText());
    }
  }

  /**
   * The previous main's table (this template's TasksTable without what this release adds: the by-created index
   * and its created_sk attribute) with the captured old items, written in the stack's own data folder layout.
   */
  private Map<String, Map<String, AttributeValue>> writeAsThePreviousMainDid(LocalStackOptions options)
      throws IOException {
    TableDef now = TemplateLoader.load(options.template(), options.parameterOverrides(), "us-east-1").tables()
        .getFirst();
    assertEquals(List.of(TaskItem.BY_POSITION, TaskItem.BY_CREATED),
        now.globalSecondaryIndexes().stream().map(TableDef.IndexDef::indexName).toList(),
        "this release adds exactly one global index; the previous main had by-position");
    Map<String, String> attributes = new LinkedHashMap<>(now.attributeTypes());
    attributes.remove(TaskItem.CREATED_SK);
    TableDef previous = new TableDef(now.logicalId(), now.tableName(), now.keySchema(), attributes,
        now.globalSecondaryIndexes().subList(0, 1), now.localSecondaryIndexes());
    Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    try (Dynalite dynalite = Dynalite.start(dataDir.resolve("dynamodb"), 0);
        DynamoDbClient dynamo = LocalTables.client(dynalite.endpoint(), "us-east-1",
            dynalite.credentials().accessKeyId(), dynalite.credentials().secretAccessKey())) {
      LocalTables.deploy(dynamo, List.of(previous));
      for (JsonNode json : new ObjectMapper().readTree(Files.readString(OLD_ITEMS))) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        json.properties().forEach(member -> item.put(member.getKey(), attribute(member.getValue())));
        assertFalse(item.containsKey(TaskItem.POSITION_SK));
        dynamo.putItem(r -> r.tableName(previous.tableName()).item(item));
        items.put(item.get("pk").s() + "|" + item.get("sk").s(), item);
      }
    }
    assertTrue(items.size() >= 3, "the captured items");
    return items;
  }

  private static AttributeValue attribute(JsonNode typed) {
    Map.Entry<String, JsonNode> value = typed.properties().iterator().next();
    return switch (value.getKey()) {
      case "S" -> AttributeValue.fromS(value.getValue().textValue());
      case "N" -> AttributeValue.fromN(value.getValue().textValue());
      case "BOOL" -> AttributeValue.fromBool(value.getValue().booleanValue());
      default -> throw new IllegalArgumentException("the old code wrote no " + value.getKey());
    };
  }

  private static DynamoDbClient backend(LocalStack stack) {
    return LocalTables.client(stack.dynamoDbEndpoint(), stack.template().region(),
        stack.runtime().backendCredentials());
  }
}
