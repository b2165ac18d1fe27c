package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ServiceUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deletes every item of one partition: a user's tasks, lists, webhooks (with their signing secrets), change log and
 * Idempotency-Key records, or its sessions (so no task text, list, webhook, request or session of a deleted account
 * is left behind): Query pages of keys
 * only, each deleted with
 * BatchWriteItem in groups of 25 (its limit), with the items DynamoDB leaves unprocessed sent again after a
 * growing pause. Each page is re-queried from the start, since what was deleted is gone from it.
 */
final class PartitionDeletion {
  private static final int BATCH = 25;
  private static final int PAGE = 500;
  /** Batch calls before what DynamoDB leaves unprocessed (throttled) is given up on: a 503 the client repeats. */
  static final int MAX_UNPROCESSED_ROUNDS = 8;

  private PartitionDeletion() {}

  static boolean deleteAll(DynamoDbClient client, String tableName, String partitionKey, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    while (true) {
      QueryRequest query =
          QueryRequest.builder()
              .tableName(tableName)
              .keyConditionExpression("pk = :pk")
              .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey)))
              .projectionExpression("pk, sk")
              .consistentRead(true)
              .limit(PAGE)
              .build();
      QueryResponse page = DynamoDbErrors.call(() -> client.query(query));
      if (page.items().isEmpty()) {
        return true;
      }
      deleteKeys(client, tableName, page.items());
      if (System.nanoTime() > deadline) {
        return false;
      }
    }
  }

  private static void deleteKeys(DynamoDbClient client, String tableName, List<Map<String, AttributeValue>> keys) {
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<WriteRequest> deletes = new ArrayList<>();
      for (Map<String, AttributeValue> key : keys.subList(from, Math.min(from + BATCH, keys.size()))) {
        deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
      }
      write(client, tableName, deletes);
    }
  }

  private static void write(DynamoDbClient client, String tableName, List<WriteRequest> deletes) {
    Map<String, List<WriteRequest>> pending = Map.of(tableName, deletes);
    for (int round = 0; !pending.isEmpty(); round++) {
      if (round == MAX_UNPROCESSED_ROUNDS) {
        // Throttled throughout: what is left stays, and the caller's retry continues from there.
        throw new ServiceUnavailableException(
            "The data store is throttling; some items remain. Repeat the request to finish.", 1);
      }
      if (round > 0) {
        pause(round);
      }
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = DynamoDbErrors.call(() -> client.batchWriteItem(r -> r.requestItems(request)));
      pending = response.unprocessedItems() == null ? Map.of() : response.unprocessedItems();
    }
  }

  /** The growing pause before round {@code round} of a batch call's unprocessed part. */
  static void pause(int round) {
    try {
      Thread.sleep(Math.min(1000, 25L << round));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting items", e);
    }
  }
}
