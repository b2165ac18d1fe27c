package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.snapstart.Priming;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The change-log writers' priming transaction against dynalite: sent while priming (the write guard lets exactly
 * it through), refused by DynamoDB on its conditions, and nothing written; any other write while priming is still
 * refused before it is sent.
 */
class TransactionPrimerTest {
  private static final String PRIMING_PARTITION = TaskItem.partitionKey(Priming.USER_ID);

  @Test
  void thePrimingTransactionIsSentAndRefusedWithoutWritingAnything() {
    // The tests' shared client has the production configuration, the priming write guard included.
    DynamoDbClient client = TestTable.client();
    int before = primingPartitionItems();

    AtomicReference<Optional<String>> failure = new AtomicReference<>();
    Priming.run(() -> failure.set(new TransactionPrimer(client, TestTable.NAME).prime()));

    // Only DynamoDB cancels a transaction on its conditions: the guard let it through, and nothing was written.
    assertEquals(Optional.empty(), failure.get(), "sent, and refused on its conditions, as priming expects");
    assertEquals(before, primingPartitionItems(), "nothing written");
  }

  @Test
  void anUnconditionalWriteOfAPrimingKeyIsStillRefusedWhilePriming() {
    DynamoDbClient client = TestTable.client();
    Map<String, AttributeValue> key = Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(PRIMING_PARTITION),
        TableKeys.SORT_KEY, AttributeValue.fromS(TransactionPrimer.SORT_KEY_PREFIX + "written"));
    TransactWriteItem unconditional =
        TransactWriteItem.builder().put(Put.builder().tableName(TestTable.NAME).item(key).build()).build();

    RuntimeException refused = assertThrows(RuntimeException.class,
        () -> Priming.run(() -> client.transactWriteItems(r -> r.transactItems(unconditional))));
    assertTrue(refused.getMessage().contains("not allowed while priming"), refused.getMessage());
    assertFalse(client.getItem(r -> r.tableName(TestTable.NAME).key(key).consistentRead(true)).hasItem(),
        "nothing written");
  }

  private static int primingPartitionItems() {
    return TestTable.client().query(r -> r.tableName(TestTable.NAME).consistentRead(true)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PRIMING_PARTITION)))).count();
  }
}
