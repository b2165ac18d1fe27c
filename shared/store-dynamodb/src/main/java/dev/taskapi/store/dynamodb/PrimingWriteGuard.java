package dev.taskapi.store.dynamodb;

import dev.taskapi.snapstart.Priming;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;

/**
 * Refuses, before it is sent, every DynamoDB request but a read while SnapStart priming runs: priming sends
 * requests through the handlers' real paths, and must never change data whatever a handler does with them.
 */
final class PrimingWriteGuard implements ExecutionInterceptor {
  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (Priming.active() && !isRead(context.request())) {
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
}
