package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.domain.ServiceUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class DynamoDbErrorsTest {
  /** A ValidationException as DynamoDB sends it, with {@code message}. */
  static DynamoDbException validation(String message) {
    return (DynamoDbException) DynamoDbException.builder()
        .statusCode(400)
        .message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(message).build())
        .build();
  }

  @Test
  void aQueryOfAnIndexStillBeingBuiltIsA503TheClientRetries() {
    DynamoDbException refusal = validation("Cannot read from backfilling global secondary index: by-position");
    ServiceUnavailableException e =
        assertThrows(ServiceUnavailableException.class, () -> DynamoDbErrors.call(() -> { throw refusal; }));
    assertEquals(DynamoDbErrors.BACKFILLING_RETRY_AFTER_SECONDS, e.retryAfterSeconds());
  }

  @Test
  void anyOtherValidationErrorIsOurFaultAndPropagates() {
    DynamoDbException other = validation("One or more parameter values were invalid");
    assertSame(other, assertThrows(DynamoDbException.class, () -> DynamoDbErrors.call(() -> { throw other; })));
  }
}
