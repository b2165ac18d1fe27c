package dev.taskapi.dynalite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The local DynamoDB's ReturnValuesOnConditionCheckFailure (dynalite-server.js extends dynalite 4.0.0, which
 * ignores it), checked with real SDK calls against DynamoDB API Reference semantics:
 *
 * <ul>
 *   <li>API_PutItem, API_UpdateItem, API_DeleteItem: "ReturnValuesOnConditionCheckFailure: An optional parameter
 *       that returns the item attributes for a [PutItem|UpdateItem|DeleteItem] operation that failed a condition
 *       check ... Valid Values: ALL_OLD | NONE".
 *   <li>API_ConditionalCheckFailedException (Errors): "Item: Item which caused the ConditionalCheckFailedException".
 * </ul>
 *
 * So: the whole stored item with ALL_OLD, nothing with NONE or without the parameter, nothing when there is no
 * item, and a ValidationException for any other value.
 */
class DynaliteReturnValuesOnConditionCheckFailureTest {
  private static final String TABLE = "ConditionTable";
  private static final ReturnValuesOnConditionCheckFailure ALL_OLD = ReturnValuesOnConditionCheckFailure.ALL_OLD;

  private static Dynalite dynalite;
  private static DynamoDbClient dynamo;

  @BeforeAll
  static void start() {
    dynalite = Dynalite.start(null, 0);
    dynamo = TestDynamoDb.client(dynalite);
    TestDynamoDb.createTableOfPk(dynamo, TABLE);
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    dynalite.close();
  }

  private static Map<String, AttributeValue> storedItem(String pk) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("version", AttributeValue.fromN("3"));
    item.put("tags", AttributeValue.fromSs(List.of("a", "b")));
    item.put("nested", AttributeValue.fromM(Map.of("done", AttributeValue.fromBool(true))));
    dynamo.putItem(r -> r.tableName(TABLE).item(item));
    return item;
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk));
  }

  private static String newKey() {
    return "item-" + UUID.randomUUID();
  }

  @Test
  void aFailedPutWithAllOldCarriesTheWholeItemItWasCheckedAgainst() {
    String pk = newKey();
    Map<String, AttributeValue> stored = storedItem(pk);

    ConditionalCheckFailedException refused = assertThrows(ConditionalCheckFailedException.class,
        () -> dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk)))
            .conditionExpression("attribute_not_exists(pk)").returnValuesOnConditionCheckFailure(ALL_OLD)));

    assertEquals(stored, refused.item());
    assertEquals(stored, dynamo.getItem(r -> r.tableName(TABLE).key(key(pk))).item(), "nothing was written");
  }

  @Test
  void aFailedUpdateAndAFailedDeleteWithAllOldCarryTheItem() {
    String pk = newKey();
    Map<String, AttributeValue> stored = storedItem(pk);
    Map<String, AttributeValue> stale = Map.of(":seen", AttributeValue.fromN("2"), ":one", AttributeValue.fromN("1"));

    ConditionalCheckFailedException update = assertThrows(ConditionalCheckFailedException.class,
        () -> dynamo.updateItem(r -> r.tableName(TABLE).key(key(pk)).updateExpression("SET version = version + :one")
            .conditionExpression("version = :seen").expressionAttributeValues(stale)
            .returnValuesOnConditionCheckFailure(ALL_OLD)));
    ConditionalCheckFailedException delete = assertThrows(ConditionalCheckFailedException.class,
        () -> dynamo.deleteItem(r -> r.tableName(TABLE).key(key(pk)).conditionExpression("version = :seen")
            .expressionAttributeValues(Map.of(":seen", AttributeValue.fromN("2")))
            .returnValuesOnConditionCheckFailure(ALL_OLD)));

    assertEquals(stored, update.item());
    assertEquals(stored, delete.item());
  }

  @Test
  void noItemWithNoneWithoutTheParameterOrWhenNothingIsStored() {
    String pk = newKey();
    storedItem(pk);

    ConditionalCheckFailedException none = assertThrows(ConditionalCheckFailedException.class,
        () -> dynamo.putItem(r -> r.tableName(TABLE).item(key(pk)).conditionExpression("attribute_not_exists(pk)")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)));
    ConditionalCheckFailedException unasked = assertThrows(ConditionalCheckFailedException.class,
        () -> dynamo.putItem(r -> r.tableName(TABLE).item(key(pk)).conditionExpression("attribute_not_exists(pk)")));
    ConditionalCheckFailedException absent = assertThrows(ConditionalCheckFailedException.class,
        () -> dynamo.updateItem(r -> r.tableName(TABLE).key(key(newKey())).updateExpression("SET version = :one")
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
            .returnValuesOnConditionCheckFailure(ALL_OLD)));

    assertFalse(none.hasItem(), "NONE");
    assertFalse(unasked.hasItem(), "not asked");
    assertFalse(absent.hasItem(), "no item to return");
  }

  /**
   * API_Put (TransactWriteItems): "ReturnValuesOnConditionCheckFailure: Use ... to get the item attributes if the
   * Put condition fails"; API_CancellationReason: "Item: Item in the request which has been cancelled". Only the
   * action that asked carries it; the others' reasons have none.
   */
  @Test
  void aCancelledTransactionCarriesTheItemInTheReasonOfTheActionThatAskedForIt() {
    String pk = newKey();
    String other = newKey();
    Map<String, AttributeValue> stored = storedItem(pk);
    storedItem(other);

    software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException cancelled = assertThrows(
        software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class,
        () -> dynamo.transactWriteItems(r -> r.transactItems(
            t -> t.put(p -> p.tableName(TABLE).item(key(pk)).conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ALL_OLD)),
            t -> t.put(p -> p.tableName(TABLE).item(key(other)).conditionExpression("attribute_not_exists(pk)")))));

    assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(0).code());
    assertEquals(stored, cancelled.cancellationReasons().get(0).item());
    assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(1).code());
    assertFalse(cancelled.cancellationReasons().get(1).hasItem(), "not asked");
    assertEquals(stored, dynamo.getItem(r -> r.tableName(TABLE).key(key(pk))).item(), "nothing was written");
  }

  @Test
  void aSucceedingWriteReturnsNothingForTheParameter() {
    String pk = newKey();
    var put = dynamo.putItem(r -> r.tableName(TABLE).item(key(pk)).conditionExpression("attribute_not_exists(pk)")
        .returnValuesOnConditionCheckFailure(ALL_OLD));

    assertFalse(put.hasAttributes());
    assertTrue(dynamo.getItem(r -> r.tableName(TABLE).key(key(pk))).hasItem());
  }

  @Test
  void anyOtherValueIsAValidationException() {
    for (String action : List.of("put", "update", "delete")) {
      DynamoDbException invalid = assertThrows(DynamoDbException.class, () -> {
        switch (action) {
          case "put" -> dynamo.putItem(r -> r.tableName(TABLE).item(key(newKey()))
              .returnValuesOnConditionCheckFailure("ALL_NEW"));
          case "update" -> dynamo.updateItem(r -> r.tableName(TABLE).key(key(newKey()))
              .updateExpression("SET version = :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
              .returnValuesOnConditionCheckFailure("ALL_NEW"));
          default -> dynamo.deleteItem(r -> r.tableName(TABLE).key(key(newKey()))
              .returnValuesOnConditionCheckFailure("ALL_NEW"));
        }
      });
      assertEquals(400, invalid.statusCode(), action);
      assertEquals("ValidationException", invalid.awsErrorDetails().errorCode(), action);
      assertEquals("1 validation error detected: Value 'ALL_NEW' at 'returnValuesOnConditionCheckFailure' failed to "
          + "satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]",
          invalid.awsErrorDetails().errorMessage(), action);
    }
  }

  /**
   * TransactWriteItems: each action's CancellationReason carries the item its failed condition was checked against
   * when that action asked for it (API_CancellationReason: "Item: Item in the request which caused the transaction
   * to get cancelled"; API_Update etc.: "ReturnValuesOnConditionCheckFailure ... Valid Values: ALL_OLD | NONE"),
   * and no other reason does.
   */
  @Test
  void aCancelledTransactionCarriesTheItemOfEachFailedActionThatAskedForIt() {
    String asked = newKey();
    String unasked = newKey();
    String passing = newKey();
    Map<String, AttributeValue> stored = storedItem(asked);
    storedItem(unasked);
    Map<String, AttributeValue> seen = Map.of(":seen", AttributeValue.fromN("2"), ":one", AttributeValue.fromN("1"));

    TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class,
        () -> dynamo.transactWriteItems(r -> r.transactItems(
            TransactWriteItem.builder().update(Update.builder().tableName(TABLE).key(key(asked))
                .updateExpression("SET version = version + :one").conditionExpression("version = :seen")
                .expressionAttributeValues(seen).returnValuesOnConditionCheckFailure(ALL_OLD).build()).build(),
            TransactWriteItem.builder().delete(Delete.builder().tableName(TABLE).key(key(unasked))
                .conditionExpression("attribute_not_exists(pk)").build()).build(),
            TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(key(passing))
                .conditionExpression("attribute_not_exists(pk)").returnValuesOnConditionCheckFailure(ALL_OLD).build())
                .build())));

    List<CancellationReason> reasons = cancelled.cancellationReasons();
    assertEquals(List.of("ConditionalCheckFailed", "ConditionalCheckFailed", "None"),
        reasons.stream().map(CancellationReason::code).toList());
    assertEquals(stored, reasons.get(0).item());
    assertFalse(reasons.get(1).hasItem(), "not asked");
    assertFalse(reasons.get(2).hasItem(), "its condition held");
    assertFalse(dynamo.getItem(r -> r.tableName(TABLE).key(key(passing))).hasItem(), "nothing was written");
  }

  @Test
  void anyOtherValueInATransactionIsAValidationException() {
    DynamoDbException invalid = assertThrows(DynamoDbException.class,
        () -> dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
            .put(Put.builder().tableName(TABLE).item(key(newKey())).conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure("ALL_NEW").build())
            .build())));

    assertEquals(400, invalid.statusCode());
    assertEquals("ValidationException", invalid.awsErrorDetails().errorCode());
  }

  /**
   * A compare-and-set loop that never reads: each refusal's item is the one the condition was evaluated against,
   * under the item's lock, so it always contradicts the condition and every increment lands exactly once.
   */
  @Test
  void concurrentCompareAndSetWithoutReadsCountsEveryIncrement() throws Exception {
    String pk = newKey();
    dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN("0"))));
    int writers = 4;
    int increments = 10;
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(() -> {
          long seen = 0;
          for (int i = 0; i < increments; ) {
            long expected = seen;
            try {
              dynamo.updateItem(r -> r.tableName(TABLE).key(key(pk)).updateExpression("SET n = :next")
                  .conditionExpression("n = :seen")
                  .expressionAttributeValues(Map.of(":seen", AttributeValue.fromN(Long.toString(expected)),
                      ":next", AttributeValue.fromN(Long.toString(expected + 1))))
                  .returnValuesOnConditionCheckFailure(ALL_OLD));
              seen = expected + 1;
              i++;
            } catch (ConditionalCheckFailedException lost) {
              seen = Long.parseLong(lost.item().get("n").n());
              assertNotEquals(expected, seen, "the returned item is the one that failed the condition");
            }
          }
          return null;
        }));
      }
      for (Future<?> writer : done) {
        writer.get();
      }
    }
    assertEquals(Integer.toString(writers * increments),
        dynamo.getItem(r -> r.tableName(TABLE).key(key(pk))).item().get("n").n());
  }
}
