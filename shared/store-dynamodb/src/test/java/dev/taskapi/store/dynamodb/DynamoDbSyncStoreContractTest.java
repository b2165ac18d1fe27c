package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskList;
import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.SyncStore;
import dev.taskapi.store.dynamodb.ListSchema.StoredList;
import dev.taskapi.testing.SyncStoreContract;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The DynamoDB reader keeps the contract the fake keeps, on a real DynamoDB API (dynalite). The items and entries
 * are written here as the change log's layout has them ({@link ChangeItem}): the item's write, the counter's
 * increment, the entry (in three calls: what the writers do in one transaction, a reader sees alike).
 */
class DynamoDbSyncStoreContractTest extends SyncStoreContract {
  private final DynamoDbClient client = TestTable.client();
  private final SyncStore store = new DynamoDbSyncStore(client, TestTable.NAME);

  @Override
  protected SyncStore store() {
    return store;
  }

  @Override
  protected void put(Task task) {
    client.putItem(r -> r.tableName(TestTable.NAME).item(TaskSchema.SCHEMA.itemToMap(task, true)));
    log(task.userId(), List.of(task.id()), List.of());
  }

  @Override
  protected void put(TaskList list) {
    client.putItem(r -> r.tableName(TestTable.NAME).item(ListSchema.SCHEMA.itemToMap(new StoredList(list, false), true)));
    log(list.userId(), List.of(), List.of(list.id()));
  }

  @Override
  protected void markDeleting(String userId, String listId) {
    client.updateItem(
        r ->
            r.tableName(TestTable.NAME)
                .key(ListSchema.keyMap(userId, listId))
                .updateExpression("SET #deleting = :true")
                .expressionAttributeNames(Map.of("#deleting", ListItem.DELETING))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
    log(userId, List.of(), List.of(listId));
  }

  @Override
  protected void remove(String userId, List<String> taskIds, List<String> listIds) {
    taskIds.forEach(id -> client.deleteItem(r -> r.tableName(TestTable.NAME).key(key(userId, TaskItem.SORT_PREFIX + id))));
    listIds.forEach(id -> client.deleteItem(r -> r.tableName(TestTable.NAME).key(key(userId, ListItem.sortKey(id)))));
    log(userId, taskIds, listIds);
  }

  /** The counter from n to n + 1, then the entry n + 1 naming the ids. */
  static void log(DynamoDbClient client, String userId, List<String> taskIds, List<String> listIds) {
    long sequence =
        Long.parseLong(
            client
                .updateItem(
                    r ->
                        r.tableName(TestTable.NAME)
                            .key(key(userId, ChangeItem.COUNTER_SORT_KEY))
                            .updateExpression("ADD #seq :one")
                            .expressionAttributeNames(Map.of("#seq", ChangeItem.SEQUENCE))
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                            .returnValues(ReturnValue.UPDATED_NEW))
                .attributes()
                .get(ChangeItem.SEQUENCE)
                .n());
    Map<String, AttributeValue> entry = new HashMap<>(key(userId, ChangeItem.sortKey(sequence)));
    entry.put(ChangeItem.SEQUENCE, AttributeValue.fromN(Long.toString(sequence)));
    entry.put(
        ChangeItem.EXPIRES_AT,
        AttributeValue.fromN(Long.toString(Instant.now().plus(ChangeItem.KEPT).getEpochSecond())));
    if (!taskIds.isEmpty()) {
      entry.put(ChangeItem.TASK_IDS, AttributeValue.fromSs(taskIds));
    }
    if (!listIds.isEmpty()) {
      entry.put(ChangeItem.LIST_IDS, AttributeValue.fromSs(listIds));
    }
    client.putItem(r -> r.tableName(TestTable.NAME).item(entry));
  }

  private void log(String userId, List<String> taskIds, List<String> listIds) {
    log(client, userId, taskIds, listIds);
  }

  static Map<String, AttributeValue> key(String userId, String sortKey) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(sortKey));
  }
}
