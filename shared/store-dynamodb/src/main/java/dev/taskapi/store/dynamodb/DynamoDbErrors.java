package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ServiceUnavailableException;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
  /**
   * A Query of a global secondary index that DynamoDB is still building after a deploy added it is refused:
   * "Cannot read from backfilling global secondary index" (a ValidationException; "Adding a global secondary index
   * to an existing table", DynamoDB Developer Guide). CloudFormation does not wait for the build, so the new
   * functions can serve meanwhile: the client is told to retry, not given a 500.
   */
  static final int BACKFILLING_RETRY_AFTER_SECONDS = 30;
  private static final String BACKFILLING = "backfilling global secondary index";
  private static final String BACKFILLING_DETAIL =
      "This listing's index is still being built after an upgrade; nothing was changed. Retry shortly.";
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";

  private DynamoDbErrors() {}

  static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ProvisionedThroughputExceededException | RequestLimitExceededException e) {
      throw unanswered();
    } catch (AwsServiceException e) {
      if (e.isThrottlingException() || e.statusCode() >= 500) {
        throw unanswered();
      }
      if (indexBeingBuilt(e)) {
        throw new ServiceUnavailableException(BACKFILLING_DETAIL, BACKFILLING_RETRY_AFTER_SECONDS);
      }
      throw e;
    } catch (SdkClientException e) {
      // Connection refused or reset, and the SDK's attempt and call timeouts, are all client exceptions.
      throw unanswered();
    }
  }

  /**
   * {@code read}, or, when DynamoDB refuses it because the index it reads is still being built after the upgrade
   * that added it, {@code meanwhile}: a read of data every version has, for a listing that must not fail during an
   * upgrade. Any other failure is {@link #call}'s. {@code read} makes its calls through {@link #call}.
   */
  static <T> T whileIndexBuilds(Supplier<T> read, Supplier<T> meanwhile) {
    try {
      return read.get(); // its reads go through call, which names the refusal (BACKFILLING_DETAIL)
    } catch (ServiceUnavailableException e) {
      if (BACKFILLING_DETAIL.equals(e.getMessage())) {
        return meanwhile.get();
      }
      throw e;
    }
  }

  private static boolean indexBeingBuilt(AwsServiceException e) {
    return e.statusCode() == 400
        && e.awsErrorDetails() != null
        && "ValidationException".equals(e.awsErrorDetails().errorCode())
        && e.getMessage() != null
        && e.getMessage().contains(BACKFILLING);
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

  /**
   * The item the action at {@code index} was checked against when its condition failed and it asked for it
   * ({@code ReturnValuesOnConditionCheckFailure: ALL_OLD}: the CancellationReason's {@code Item}, "TransactWriteItems"
   * and "CancellationReason", DynamoDB API Reference); empty when the condition held or there was no item.
   */
  static Map<String, AttributeValue> refusedItem(TransactionCanceledException e, int index) {
    if (!conditionFailed(e, index)) {
      return Map.of();
    }
    Map<String, AttributeValue> item = e.cancellationReasons().get(index).item();
    return item == null ? Map.of() : item;
  }

  /**
   * DynamoDB failed after the SDK's retries. Not "nothing was changed": a write can commit and its answer be lost (a
   * dropped connection, a 500), and if every retry then fails too the write stands though the caller hears a 503.
   */
  static ServiceUnavailableException unanswered() {
    return new ServiceUnavailableException(
        "The data store is unavailable. Retry shortly; a change this request made may have been saved before the"
            + " failure (read it back to tell).",
        RETRY_AFTER_SECONDS);
  }

  /** A write refused before it committed (conflicts that did not clear): nothing was changed. */
  static ServiceUnavailableException unavailable() {
    return new ServiceUnavailableException(
        "The data store is unavailable; nothing was changed. Retry shortly.", RETRY_AFTER_SECONDS);
  }
}
