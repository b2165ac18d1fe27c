package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.TableKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Deletes many tasks of one account (a parent's descendants, a deleted list's tasks), each with its change-log
 * entry: one TransactWriteItems per {@value ChangeLog#MAX_CALLER_ITEMS} tasks, whose entry names them. Each Delete
 * is conditional on the task being there, so the log never names a task this did not delete, and a write that lands
 * after the account's partition was swept is refused rather than leaving a log behind. A task a concurrent request
 * deleted first fails its condition: the transaction is sent again without it (that request logged it).
 */
final class LoggedTaskDeletion {
  private final ChangeLog log;
  private final String tableName;

  LoggedTaskDeletion(ChangeLog log, String tableName) {
    this.log = log;
    this.tableName = tableName;
  }

  void delete(String userId, List<String> taskIds) {
    for (int from = 0; from < taskIds.size(); from += ChangeLog.MAX_CALLER_ITEMS) {
      List<String> chunk =
          new ArrayList<>(taskIds.subList(from, Math.min(from + ChangeLog.MAX_CALLER_ITEMS, taskIds.size())));
      while (!chunk.isEmpty()) {
        List<TransactWriteItem> deletes = chunk.stream().map(id -> delete(userId, id)).toList();
        try {
          log.commit(userId, deletes, chunk, List.of());
          break;
        } catch (TransactionCanceledException e) {
          List<String> left = new ArrayList<>();
          for (int i = 0; i < chunk.size(); i++) {
            if (!DynamoDbErrors.conditionFailed(e, i)) {
              left.add(chunk.get(i));
            }
          }
          chunk = left;
        }
      }
    }
  }

  private TransactWriteItem delete(String userId, String taskId) {
    return TransactWriteItem.builder()
        .delete(
            Delete.builder()
                .tableName(tableName)
                .key(TaskSchema.key(userId, taskId).keyMap(TaskSchema.SCHEMA, "$PRIMARY_INDEX"))
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY))
                .build())
        .build();
  }
}
