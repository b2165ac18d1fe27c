package dev.taskapi.dynalite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * UpdateTable's GlobalSecondaryIndexUpdates Create and Delete on the local DynamoDB (dynalite-server.js; dynalite
 * 4.0.0 has neither), as the DynamoDB API Reference (UpdateTable: "You can create or delete only one global
 * secondary index per UpdateTable operation") and the Developer Guide ("Adding a global secondary index to an
 * existing table": the index is backfilled from the items already in the table, then ACTIVE) describe them.
 */
class DynaliteGlobalSecondaryIndexUpdatesTest {
  private static final String TABLE = "IndexedLater";

  @Test
  void aNewIndexHoldsTheItemsWrittenBeforeItAndFollowsLaterWritesAcrossARestart(@TempDir Path data) {
    try (Dynalite dynalite = Dynalite.start(data, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
      put(dynamo, "a", "2");
      put(dynamo, "b", "1");
      dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("no-key"))));

      TableDescription answered = dynamo.updateTable(r -> r.tableName(TABLE)
          .attributeDefinitions(a -> a.attributeName("rank").attributeType(ScalarAttributeType.S))
          .globalSecondaryIndexUpdates(create("by-rank"))).tableDescription();
      assertEquals("by-rank", answered.globalSecondaryIndexes().getFirst().indexName());
      TableDescription active = awaitActive(dynamo);

      assertEquals(IndexStatus.ACTIVE, active.globalSecondaryIndexes().getFirst().indexStatus());
      assertEquals(List.of("b", "a"), byRank(dynamo), "the items written before, ordered by the new key; "
          + "the item without the key attribute is not in the index");
    }
    try (Dynalite dynalite = Dynalite.start(data, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      put(dynamo, "c", "0");
      assertEquals(List.of("c", "b", "a"), byRank(dynamo), "kept across a restart, and written by later puts");

      dynamo.updateTable(r -> r.tableName(TABLE).globalSecondaryIndexUpdates(
          GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("by-rank")).build()));
      assertFalse(awaitActive(dynamo).hasGlobalSecondaryIndexes(), "deleted");
    }
  }

  @Test
  void twoIndexesInOneUpdateAreRefusedAndChangeNothing() {
    try (Dynalite dynalite = Dynalite.start(null, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));

      LimitExceededException refused = assertThrows(LimitExceededException.class, () ->
          dynamo.updateTable(r -> r.tableName(TABLE)
              .attributeDefinitions(a -> a.attributeName("rank").attributeType(ScalarAttributeType.S))
              .globalSecondaryIndexUpdates(create("one"), create("two"))));

      assertTrue(refused.getMessage().contains("Only 1 online index can be created or deleted"), refused.getMessage());
      assertFalse(dynamo.describeTable(r -> r.tableName(TABLE)).table().hasGlobalSecondaryIndexes());
    }
  }

  private static GlobalSecondaryIndexUpdate create(String name) {
    return GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(name)
        .keySchema(k -> k.attributeName("rank").keyType(KeyType.HASH))
        .projection(p -> p.projectionType(ProjectionType.ALL))).build();
  }

  private static void put(DynamoDbClient dynamo, String pk, String rank) {
    dynamo.putItem(r -> r.tableName(TABLE)
        .item(Map.of("pk", AttributeValue.fromS(pk), "rank", AttributeValue.fromS(rank))));
  }

  /** The index's items (a Scan of it, ordered here by rank: a hash-only index has no order of its own). */
  private static List<String> byRank(DynamoDbClient dynamo) {
    return dynamo.scan(r -> r.tableName(TABLE).indexName("by-rank")).items().stream()
        .sorted(java.util.Comparator.comparing(item -> item.get("rank").s()))
        .map(item -> item.get("pk").s())
        .toList();
  }

  private static TableDescription awaitActive(DynamoDbClient dynamo) {
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      TableDescription table = dynamo.describeTable(r -> r.tableName(TABLE)).table();
      if (table.tableStatusAsString().equals("ACTIVE")
          && table.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE)) {
        return table;
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("not ACTIVE: " + table);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
