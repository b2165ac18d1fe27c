package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.TableKeys;
import dev.taskapi.snapstart.Priming;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Refuses, before it is sent, every DynamoDB request but a read while SnapStart priming runs: priming sends
 * requests through the handlers' real paths, and must never change data whatever a handler does with them. The
 * one write let through is a priming transaction ({@link TransactionPrimer}): every item of it conditional, on a
 * sort key that starts {@link TransactionPrimer#SORT_KEY_PREFIX}, which no item has and no handler writes.
 */
final class PrimingWriteGuard implements ExecutionInterceptor {
  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (Priming.active() && !isRead(context.request()) && !isPrimingTransaction(context.request())) {
      throw new IllegalStateException(
          "DynamoDB " + context.request().getClass().getSimpleName() + " refused: writes are not allowed while priming");
    }
  }

  private static boolean isRead(SdkRequest request) {
    return request instanceof GetItemRequest
        || request instanceof QueryRequest
        || request instanceof BatchGetItemRequest
        || request instanceof TransactGetItemsRequest
        || request instanceof ScanRequest
        || request instanceof DescribeTableRequest;
  }

  private static boolean isPrimingTransaction(SdkRequest request) {
    return request instanceof TransactWriteItemsRequest transaction
        && transaction.transactItems().stream().allMatch(PrimingWriteGuard::isConditionalPrimingWrite);
  }

  private static boolean isConditionalPrimingWrite(TransactWriteItem item) {
    if (item.update() != null) {
      return isPrimingKey(item.update().key()) && item.update().conditionExpression() != null;
    }
    if (item.put() != null) {
      return isPrimingKey(item.put().item()) && item.put().conditionExpression() != null;
    }
    return false;
  }

  private static boolean isPrimingKey(Map<String, AttributeValue> key) {
    AttributeValue sortKey = key.get(TableKeys.SORT_KEY);
    return sortKey != null && sortKey.s() != null && sortKey.s().startsWith(TransactionPrimer.SORT_KEY_PREFIX);
  }
}
