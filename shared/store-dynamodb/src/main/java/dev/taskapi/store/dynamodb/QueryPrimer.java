package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.snapstart.Priming;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Before the snapshot, one strongly consistent Query of the priming caller's partition ({@link Priming#USER_ID},
 * which no user has, so it reads nothing): loads the Query's request and response model, marshaller and
 * unmarshaller, which the priming request does not reach in the functions whose first request queries (a move's
 * neighbours, a list's tasks). Allowed by the Query on {@code USER#*} those functions hold.
 */
public final class QueryPrimer extends CallPrimer {
  private static final Map<String, AttributeValue> PARTITION =
      Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(Priming.USER_ID)));

  public QueryPrimer(DynamoDbClient client, String tableName) {
    super(client, tableName, "priming query of");
  }

  /** The priming query; the failure's description when it did not succeed (AccessDenied, timeout...). */
  @Override
  public Optional<String> prime() {
    try {
      client.query(request -> request.tableName(tableName)
          .keyConditionExpression("#pk = :pk")
          .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY))
          .expressionAttributeValues(PARTITION)
          .consistentRead(true)
          .limit(1));
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.of(describe(e));
    }
  }
}
