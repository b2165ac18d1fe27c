package dev.taskapi.e2e;

import dev.taskapi.local.LocalStack;
import dev.taskapi.local.dynamo.LocalTables;
import dev.taskapi.store.UserStore;
import dev.taskapi.store.dynamodb.DynamoDbUserStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local stack's table read directly (not through the functions' IAM endpoint): for tests that must prove a
 * request changed nothing (or exactly one thing), whatever the API answered.
 */
public final class StackTable implements AutoCloseable {
  private final DynamoDbClient dynamo;
  private final String tableName;

  public StackTable(LocalStack stack) {
    // The backend itself, past the functions' IAM endpoint: an admin's view of the table.
    this.dynamo = LocalTables.client(stack.dynamoDbEndpoint(), stack.template().region(),
        stack.runtime().backendCredentials());
    this.tableName = stack.template().tables().getFirst().tableName();
  }

  /**
   * The application's own user store over the backend, for accounts a test must hold as an earlier version of the
   * API stored them (one whose rules that version allowed and this one no longer does).
   */
  public UserStore userStore() {
    return new DynamoDbUserStore(dynamo, tableName);
  }

  /** Every item, keyed by {@code pk|sk}, in key order. */
  public Map<String, Map<String, AttributeValue>> snapshot() {
    Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
    dynamo
        .scanPaginator(r -> r.tableName(tableName).consistentRead(true))
        .items()
        .forEach(item -> items.put(item.get("pk").s() + "|" + item.get("sk").s(), item));
    return items;
  }

  public boolean contains(String pk, String sk) {
    return dynamo
        .getItem(r -> r.tableName(tableName).consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk), "sk",
            AttributeValue.fromS(sk))))
        .hasItem();
  }

  /** Sets one number attribute of an item, as time would (e.g. a session's {@code expires_at} passing). */
  public void setNumber(String pk, String sk, String attribute, long value) {
    set(pk, sk, attribute, AttributeValue.fromN(Long.toString(value)));
  }

  /** Sets one attribute of an item, as a step of a longer operation would (e.g. a list's deletion mark). */
  public void set(String pk, String sk, String attribute, AttributeValue value) {
    dynamo.updateItem(r -> r.tableName(tableName)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
        .updateExpression("SET #a = :v")
        .expressionAttributeNames(Map.of("#a", attribute))
        .expressionAttributeValues(Map.of(":v", value)));
  }

  /** The item, read strongly consistently; empty when there is none. */
  public java.util.Optional<Map<String, AttributeValue>> item(String pk, String sk) {
    var response = dynamo.getItem(r -> r.tableName(tableName).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
    return response.hasItem() ? java.util.Optional.of(response.item()) : java.util.Optional.empty();
  }

  /** Writes {@code items} as they are, as data an older version of the code (or a future one) left behind. */
  public void putAll(List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> batch = items.subList(from, Math.min(from + 25, items.size())).stream()
          .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
          .toList();
      Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
      }
    }
  }

  @Override
  public void close() {
    dynamo.close();
  }
}
