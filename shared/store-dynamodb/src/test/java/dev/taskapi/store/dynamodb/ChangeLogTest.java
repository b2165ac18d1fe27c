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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * What the local stack cannot show: TransactionConflict. Every local write runs under one lock (dynalite-server.js),
 * so concurrent transactions never conflict there; on DynamoDB two transactions on one account's counter can. A stub
 * client answers each TransactWriteItems from a script and records what it was sent, gives out numbers from 42 on
 * for the counter's ADD, and records the voids written.
 */
class ChangeLogTest {
  private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
  private static final TransactWriteItem CALLERS =
      TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("t").build()).build();

  private final Deque<RuntimeException> script = new ArrayDeque<>();
  private final List<TransactWriteItemsRequest> sent = new ArrayList<>();
  /** The numbers taken with ADD, and the voids written, in order. */
  private final List<Long> taken = new ArrayList<>();
  private final List<Long> voided = new ArrayList<>();
  private long counter = 41;
  private final DynamoDbClient stub =
      new DynamoDbClient() {
        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
          Put last = request.transactItems().getLast().put();
          if (last != null && last.item().containsKey(ChangeItem.VOID)) {
            return voidWritten(request);
          }
          sent.add(request);
          RuntimeException next = script.poll();
          if (next != null) {
            throw next;
          }
          return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
          assertEquals("ADD #seq :one", request.updateExpression());
          assertEquals("attribute_exists(#seq)", request.conditionExpression(), "an ADD never creates the counter");
          if (counterGone) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
          }
          taken.add(++counter);
          counterGone = sweptAfterTheAdd;
          return UpdateItemResponse.builder()
              .attributes(Map.of(ChangeItem.SEQUENCE, AttributeValue.fromN(Long.toString(counter))))
              .build();
        }


        @Override
        public String serviceName() {
          return "dynamodb";
        }

        @Override
        public void close() {}
      };
  private final ChangeLog log = new ChangeLog(stub, "t", Clock.fixed(NOW, ZoneOffset.UTC));
  /** The account's partition was swept (its deletion): no counter, so no number, and no void. */
  private boolean counterGone;
  /** The account's deletion sweeps its partition right after the writer's ADD. */
  private boolean sweptAfterTheAdd;

  /** A void's transaction: its Put, conditional on no entry, with the counter's no-op Update, conditional on it. */
  private TransactWriteItemsResponse voidWritten(TransactWriteItemsRequest request) {
    Update counter = request.transactItems().getFirst().update();
    Put entry = request.transactItems().getLast().put();
    assertEquals(ChangeItem.COUNTER_SORT_KEY, counter.key().get(TableKeys.SORT_KEY).s());
    assertEquals("attribute_exists(#seq)", counter.conditionExpression());
    assertEquals(true, entry.item().get(ChangeItem.VOID).bool());
    assertEquals("attribute_not_exists(#pk)", entry.conditionExpression());
    if (counterGone) {
      throw cancelled(reason("ConditionalCheckFailed"), reason("None"));
    }
    voided.add(Long.parseLong(entry.item().get(ChangeItem.SEQUENCE).n()));
    return TransactWriteItemsResponse.builder().build();
  }

  @Test
  void aConflictOnTheCounterTakesANumberAndSendsWithoutTheCounter() {
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));

    assertEquals(42, log.commit("u", List.of(CALLERS), List.of("task"), List.of()));

    assertEquals(2, sent.size(), "one refused send, then the write with its own number");
    assertEquals(List.of(42L), taken);
    List<TransactWriteItem> last = sent.getLast().transactItems();
    assertEquals(2, last.size(), "the caller's item and the entry: no counter");
    TransactWriteItem entry = last.get(1);
    assertEquals(ChangeItem.sortKey(42), entry.put().item().get(TableKeys.SORT_KEY).s());
    assertEquals("attribute_not_exists(#pk)", entry.put().conditionExpression());
    assertEquals(List.of("task"), entry.put().item().get(ChangeItem.TASK_IDS).ss());
    assertEquals(Long.toString(NOW.toEpochMilli()), entry.put().item().get(ChangeItem.WRITTEN_AT).n());
    assertEquals(Long.toString(NOW.plus(ChangeItem.KEPT).getEpochSecond()),
        entry.put().item().get(ChangeItem.EXPIRES_AT).n());
    assertEquals(List.of(), voided);
  }

  @Test
  void theCounterRefusingTwiceTakesANumber() {
    script.add(cancelled(reason("None"), counterAt(41), reason("None")));
    script.add(cancelled(reason("None"), counterAt(43), reason("None")));
    counter = 43;

    assertEquals(44, log.commit("u", List.of(CALLERS), List.of("t"), List.of()));

    assertEquals(3, sent.size());
    assertEquals(List.of(44L), taken, "no third send on the counter: other writers are at it");
  }

  @Test
  void conflictsOnTheWritesOwnItemsThatDoNotClearAreA503AndItsNumberIsVoided() {
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));
    for (int i = 0; i < ChangeLog.CONFLICTS; i++) {
      script.add(cancelled(reason("TransactionConflict"), reason("None")));
    }

    assertThrows(ServiceUnavailableException.class, () -> log.commit("u", List.of(CALLERS), List.of("t"), List.of()));
    assertEquals(1 + ChangeLog.CONFLICTS, sent.size());
    assertEquals(List.of(42L), voided, "the number it gave up has its void: no gap");
  }

  @Test
  void aCallersRefusalWithItsOwnNumberVoidsTheNumberAndIsRethrown() {
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));
    TransactionCanceledException refused = cancelled(reason("ConditionalCheckFailed"), reason("None"));
    script.add(refused);

    assertSame(refused,
        assertThrows(TransactionCanceledException.class,
            () -> log.commit("u", List.of(CALLERS), List.of("t"), List.of())));
    assertEquals(List.of(42L), voided);
  }

  @Test
  void aWriterWhoseAccountWasDeletedAfterItTookANumberLeavesNoVoid() {
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));
    TransactionCanceledException refused = cancelled(reason("ConditionalCheckFailed"), reason("None"));
    script.add(refused);
    sweptAfterTheAdd = true;

    assertThrows(TransactionCanceledException.class, () -> log.commit("u", List.of(CALLERS), List.of("t"), List.of()));
    assertEquals(List.of(42L), taken);
    assertEquals(List.of(), voided, "the void's transaction was refused: the counter is gone with the account");
  }

  @Test
  void anAccountWithoutACounterTakesItsFirstNumberWithTheCounterNotAnAdd() {
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));
    counterGone = true;

    assertEquals(1, log.commit("u", List.of(CALLERS), List.of("t"), List.of()));

    List<TransactWriteItem> first = sent.getLast().transactItems();
    assertEquals(3, first.size(), "the caller's item, the counter's creation, entry 1");
    assertEquals("attribute_not_exists(#seq)", first.get(1).update().conditionExpression());
    assertEquals(ChangeItem.sortKey(1), first.get(2).put().item().get(TableKeys.SORT_KEY).s());
    assertEquals(List.of(), taken);
  }

  @Test
  void aNumberAReaderVoidedIsReplacedByANewOne() {
    script.add(cancelled(reason("None"), reason("TransactionConflict"), reason("None")));
    script.add(cancelled(reason("None"), reason("ConditionalCheckFailed")));

    assertEquals(43, log.commit("u", List.of(CALLERS), List.of("t"), List.of()));

    assertEquals(List.of(42L, 43L), taken);
    assertEquals(List.of(), voided, "42 has its void already: the reader's");
    assertEquals(ChangeItem.sortKey(43), sent.getLast().transactItems().get(1).put().item().get(TableKeys.SORT_KEY).s());
  }

  @Test
  void aStaleCounterIsLearnedFromTheRefusalAndTheCacheKeepsIt() {
    script.add(cancelled(reason("None"), counterAt(41), reason("ConditionalCheckFailed")));

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

  /** The counter's refusal, carrying it at {@code sequence} (ALL_OLD). */
  private static CancellationReason counterAt(long sequence) {
    return CancellationReason.builder()
        .code("ConditionalCheckFailed")
        .item(Map.of(ChangeItem.SEQUENCE, AttributeValue.fromN(Long.toString(sequence))))
        .build();
  }

  private static CancellationReason reason(String code) {
    return CancellationReason.builder().code(code).build();
  }

  private static TransactionCanceledException cancelled(CancellationReason... reasons) {
    return TransactionCanceledException.builder().cancellationReasons(reasons).statusCode(400).build();
  }
}
