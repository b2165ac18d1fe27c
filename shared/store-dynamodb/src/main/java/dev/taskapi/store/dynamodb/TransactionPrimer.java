package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.snapstart.Priming;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Before the snapshot, one TransactWriteItems that DynamoDB refuses: an Update (returning the old item on a failed
 * condition, as the change log's counter does) and a Put, of two keys no item has, each on the condition that its
 * item exists. Both conditions fail, so the transaction is cancelled and writes nothing; the client has then loaded and
 * run TransactWriteItems' whole path, the cancellation's unmarshalling included, which every write of the API
 * takes (the change log's transaction) and the first write after a restore takes twice (a fresh container's
 * counter is stale: refused, then sent again). For the functions that write through the change log; the key is in
 * the priming caller's partition ({@link Priming#USER_ID}, which no user has), so the grants the change log needs
 * (UpdateItem and PutItem on {@code USER#*}) allow it, and its sort key starts {@link #SORT_KEY_PREFIX}, which no
 * item has and {@link PrimingWriteGuard} lets through.
 */
public final class TransactionPrimer extends CallPrimer {
  /** The sort key prefix of priming writes: no item has one, and only such writes may be sent while priming. */
  static final String SORT_KEY_PREFIX = TablePrimer.KEY_PREFIX;

  /** Two keys: DynamoDB refuses a transaction with two operations on one item before it checks conditions. */
  private static final Map<String, AttributeValue> UPDATED = noSuchKey("updated");
  private static final Map<String, AttributeValue> PUT = noSuchKey("put");
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String NONE = "None";
  private static final String ONLY_IF_IT_EXISTS = "attribute_exists(#pk)";
  private static final Map<String, String> NAMES = Map.of("#pk", TableKeys.PARTITION_KEY);

  public TransactionPrimer(DynamoDbClient client, String tableName) {
    super(client, tableName, "priming transaction on");
  }

  /**
   * The refused transaction; the failure's description when DynamoDB did not refuse it on its conditions
   * (AccessDenied, timeout, or, never expected, a transaction that went through).
   */
  @Override
  public Optional<String> prime() {
    try {
      client.transactWriteItems(request -> request.transactItems(update(), put()));
      return Optional.of("the transaction was not refused");
    } catch (TransactionCanceledException e) {
      return refusedOnConditions(e) ? Optional.empty() : Optional.of("cancelled for " + e.cancellationReasons());
    } catch (SdkException e) {
      return Optional.of(describe(e));
    }
  }

  /**
   * Whether the cancellation is the one expected: a condition failed, and nothing else went wrong (DynamoDB gives
   * each item a reason, {@code None} for an item that did not cause it).
   */
  private static boolean refusedOnConditions(TransactionCanceledException e) {
    boolean conditionFailed = false;
    List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    for (CancellationReason reason : reasons) {
      if (CONDITION_FAILED.equals(reason.code())) {
        conditionFailed = true;
      } else if (!NONE.equals(reason.code())) {
        return false;
      }
    }
    return conditionFailed;
  }

  private TransactWriteItem update() {
    return TransactWriteItem.builder()
        .update(Update.builder()
            .tableName(tableName)
            .key(UPDATED)
            .updateExpression("SET primed = :primed")
            .conditionExpression(ONLY_IF_IT_EXISTS)
            .expressionAttributeNames(NAMES)
            .expressionAttributeValues(Map.of(":primed", AttributeValue.fromBool(true)))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build())
        .build();
  }

  private TransactWriteItem put() {
    return TransactWriteItem.builder()
        .put(Put.builder()
            .tableName(tableName)
            .item(PUT)
            .conditionExpression(ONLY_IF_IT_EXISTS)
            .expressionAttributeNames(NAMES)
            .build())
        .build();
  }

  static Map<String, AttributeValue> noSuchKey(String name) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(Priming.USER_ID)),
        TableKeys.SORT_KEY, AttributeValue.fromS(SORT_KEY_PREFIX + "no-such-item-" + name));
  }
}
