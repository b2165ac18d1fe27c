package dev.taskapi.dynalite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The local TransactWriteItems' ClientRequestToken (emulated in dynalite-server.js), against the DynamoDB API
 * Reference ("TransactWriteItems", ClientRequestToken): "multiple identical calls have the same effect as one single
 * call", and the same token with other parameters is an IdempotentParameterMismatchException. The SDK fills the
 * token in and sends it again on its retries, so a retry of a transaction that committed but whose answer was lost
 * does not apply it twice (nor fails on its own conditions).
 */
class DynaliteClientRequestTokenTest {
  private static final String TABLE = "TokenTable";

  /** Its own dynalite, with the table: the tokens it keeps are its alone. */
  private static Dynalite startWithTable() {
    Dynalite dynalite = Dynalite.start(null, 0);
    try (DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      TestDynamoDb.createTableOfPk(dynamo, TABLE);
    }
    return dynalite;
  }

  /** Adds {@code by} to the item's count, under {@code token}. */
  private static TransactWriteItemsRequest add(String pk, int by, String token) {
    return TransactWriteItemsRequest.builder()
        .clientRequestToken(token)
        .transactItems(t -> t.update(u -> u.tableName(TABLE)
            .key(Map.of("pk", AttributeValue.fromS(pk)))
            .updateExpression("ADD #count :by")
            .expressionAttributeNames(Map.of("#count", "count"))
            .expressionAttributeValues(Map.of(":by", AttributeValue.fromN(Integer.toString(by))))))
        .build();
  }

  private static String count(DynamoDbClient dynamo, String pk) {
    return dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true))
        .item().get("count").n();
  }

  @Test
  void theSameTransactionSentAgainWithItsTokenSucceedsWithoutWritingAgain() {
    try (Dynalite dynalite = startWithTable(); DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      String token = UUID.randomUUID().toString();
      dynamo.transactWriteItems(add("a", 1, token));
      dynamo.transactWriteItems(add("a", 1, token));
      assertEquals("1", count(dynamo, "a"));

      dynamo.transactWriteItems(add("a", 1, UUID.randomUUID().toString()));
      assertEquals("2", count(dynamo, "a"), "another token is another transaction");
    }
  }

  @Test
  void theSameTokenWithOtherParametersIsAMismatchThatWritesNothing() {
    try (Dynalite dynalite = startWithTable(); DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      String token = UUID.randomUUID().toString();
      dynamo.transactWriteItems(add("b", 1, token));
      assertThrows(IdempotentParameterMismatchException.class, () -> dynamo.transactWriteItems(add("b", 5, token)));
      assertEquals("1", count(dynamo, "b"));
    }
  }
}
