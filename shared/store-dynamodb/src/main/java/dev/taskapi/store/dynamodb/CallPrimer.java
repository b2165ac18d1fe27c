package dev.taskapi.store.dynamodb;

import dev.taskapi.snapstart.Priming;
import java.util.Optional;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A SnapStart priming hook that makes one DynamoDB call before the snapshot, so that the call's path is loaded and
 * linked in it. A failure is logged and ignored: the snapshot is still valid, only colder.
 */
abstract class CallPrimer implements Resource {
  final DynamoDbClient client;
  final String tableName;
  private final String call;

  /** {@code call}: what the log names when it fails, with the table's name ("priming read of"). */
  CallPrimer(DynamoDbClient client, String tableName, String call) {
    this.client = client;
    this.tableName = tableName;
    this.call = call + " " + tableName;
  }

  /** The priming call; the failure's description when it did not do what priming expects. */
  public abstract Optional<String> prime();

  @Override
  public final void beforeCheckpoint(Context<? extends Resource> context) {
    Priming.run(() -> {
      Optional<String> failure;
      try {
        failure = prime();
      } catch (RuntimeException e) {
        // Not the SDK's (the write guard's refusal, a bug of ours): still no reason to fail the snapshot.
        failure = Optional.of(e.toString());
      }
      failure.ifPresent(f -> System.err.println("WARN " + call + " failed: " + f));
    });
  }

  @Override
  public final void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew.
  }

  /** A priming call's failure, as the log says it: the exception's class and DynamoDB's error code. */
  static String describe(SdkException e) {
    String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? " " + service.awsErrorDetails().errorCode() : "";
    return e.getClass().getSimpleName() + code;
  }
}
