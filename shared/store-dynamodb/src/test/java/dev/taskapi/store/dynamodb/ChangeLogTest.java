package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.TableKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What the local stack cannot show: TransactionConflict. Every local write runs under one lock (dynalite-server.js),
 * so concurrent transactions never conflict there; on DynamoDB two transactions on one account's counter can. A stub
 * client answers each TransactWriteItems from a script and records what it was sent.
 */
class ChangeLogTest {
  private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
  private static final TransactWriteItem CALLERS =
      TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("t").build()).build();

  private final Deque<RuntimeException> script = new ArrayDeque<>();
  private final List<TransactWriteItemsRequest> sent = new ArrayList<>();
  private final DynamoDbClient stub =
      new DynamoDbClient() {
        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
          sent.add(request);
          RuntimeException next = script.poll();
          if (next != null) {
            throw next;
          }
          return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public String serviceName() {
          return "dynamodb";
        }

        @Override
        public void close() {}
      };
  private final ChangeLog log = new ChangeLog(stub, "t", Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aConflictOnTheCounterIsRetriedAndTheWriteCommitsOnce() {
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));

    assertEquals(1, log.commit("u", List.of(CALLERS), List.of("task"), List.of()));

    assertEquals(3, sent.size());
    TransactWriteItem entry = sent.getLast().transactItems().get(2);
    assertEquals(ChangeItem.sortKey(1), entry.put().item().get(TableKeys.SORT_KEY).s());
    assertEquals(List.of("task"), entry.put().item().get(ChangeItem.TASK_IDS).ss());
    assertEquals(Long.toString(NOW.plus(ChangeItem.KEPT).getEpochSecond()),
        entry.put().item().get(ChangeItem.EXPIRES_AT).n());
  }

  @Test
  void conflictsThatDoNotClearAreA503() {
    for (int i = 0; i < ChangeLog.CONFLICTS; i++) {
      script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));
    }

    assertThrows(ServiceUnavailableException.class, () -> log.commit("u", List.of(CALLERS), List.of("t"), List.of()));
    assertEquals(ChangeLog.CONFLICTS, sent.size());
  }

  @Test
  void aStaleCounterIsLearnedFromTheRefusalAndTheCacheKeepsIt() {
    Map<String, AttributeValue> counter = Map.of(ChangeItem.SEQUENCE, AttributeValue.fromN("41"));
    script.add(cancelled(reason("None"),
        CancellationReason.builder().code("ConditionalCheckFailed").item(counter).build(),
        reason("ConditionalCheckFailed")));

    assertEquals(42, log.commit("u", List.of(CALLERS), List.of("t"), List.of()));
    assertEquals(43, log.commit("u", List.of(CALLERS), List.of("t"), List.of()));

    assertEquals(3, sent.size(), "one round trip to learn, then one per write");
    assertEquals("attribute_not_exists(#seq)", sent.get(0).transactItems().get(1).update().conditionExpression());
    assertEquals("41", sent.get(1).transactItems().get(1).update().expressionAttributeValues().get(":last").n());
    assertEquals("42", sent.get(2).transactItems().get(1).update().expressionAttributeValues().get(":last").n());
  }

  @Test
  void aCallersFailedConditionIsRethrownAsItCameWithNoRetry() {
    TransactionCanceledException refused =
        cancelled(reason("ConditionalCheckFailed"), reason("TransactionConflict"), reason("None"));
    script.add(refused);

    assertSame(refused,
        assertThrows(TransactionCanceledException.class,
            () -> log.commit("u", List.of(CALLERS), List.of("t"), List.of())));
    assertEquals(1, sent.size());
  }

  private static CancellationReason reason(String code) {
    return CancellationReason.builder().code(code).build();
  }

  private static TransactionCanceledException cancelled(CancellationReason... reasons) {
    return TransactionCanceledException.builder().cancellationReasons(reasons).statusCode(400).build();
  }
}
