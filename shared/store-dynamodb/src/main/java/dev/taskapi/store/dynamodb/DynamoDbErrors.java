package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ServiceUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Turns DynamoDB failures the client can wait out (throttling, 5xx, timeouts, no connection) into a 503 with
 * Retry-After, after the SDK's own retries are spent. Anything else (a validation error, a missing table) is a
 * fault of ours and propagates to become a plain 500.
 */
final class DynamoDbErrors {
  static final int RETRY_AFTER_SECONDS = 1;
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";

  private DynamoDbErrors() {}

  static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ProvisionedThroughputExceededException | RequestLimitExceededException e) {
      throw unavailable();
    } catch (AwsServiceException e) {
      if (e.isThrottlingException() || e.statusCode() >= 500) {
        throw unavailable();
      }
      throw e;
    } catch (SdkClientException e) {
      // Connection refused or reset, and the SDK's attempt and call timeouts, are all client exceptions.
      throw unavailable();
    }
  }

  /**
   * Whether item {@code index} of a cancelled transaction failed its condition: the cancellation reasons are in
   * the order of the transaction's items, {@code ConditionalCheckFailed} for a condition that did not hold, and
   * {@code None} for the items that did not cause the cancellation ("TransactWriteItems", DynamoDB API Reference).
   */
  static boolean conditionFailed(TransactionCanceledException e, int index) {
    return e.hasCancellationReasons() && e.cancellationReasons().size() > index
        && CONDITION_FAILED.equals(e.cancellationReasons().get(index).code());
  }

  static ServiceUnavailableException unavailable() {
    return new ServiceUnavailableException(
        "The data store is unavailable; nothing was changed. Retry shortly.", RETRY_AFTER_SECONDS);
  }
}
