package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ServiceUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Strongly consistent BatchGetItem of any number of keys of one table, {@value #BATCH_GET} keys a call; the keys
 * DynamoDB leaves unprocessed (throttling, or the 16 MB response limit) are asked for again after a growing pause,
 * as the API Reference advises ("BatchGetItem": "we strongly recommend that you use an exponential backoff
 * algorithm"), until {@link PartitionDeletion#MAX_UNPROCESSED_ROUNDS} rounds: then a 503.
 */
final class ConsistentBatchGet {
  /** BatchGetItem's limit of keys per call ("BatchGetItem", DynamoDB API Reference). */
  static final int BATCH_GET = 100;

  private ConsistentBatchGet() {}

  /** The items of {@code keys} that exist, in no particular order; {@code projection} may be null (whole items). */
  static List<Map<String, AttributeValue>> items(
      DynamoDbClient client, String tableName, List<Map<String, AttributeValue>> keys, String projection,
      Map<String, String> names) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET) {
      KeysAndAttributes.Builder request =
          KeysAndAttributes.builder().keys(keys.subList(from, Math.min(from + BATCH_GET, keys.size()))).consistentRead(true);
      if (projection != null) {
        request.projectionExpression(projection).expressionAttributeNames(names);
      }
      Map<String, KeysAndAttributes> pending = Map.of(tableName, request.build());
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round == PartitionDeletion.MAX_UNPROCESSED_ROUNDS) {
          throw new ServiceUnavailableException("The data store is throttling; nothing was changed. Retry shortly.", 1);
        }
        if (round > 0) {
          PartitionDeletion.pause(round);
        }
        Map<String, KeysAndAttributes> asked = pending;
        BatchGetItemResponse response = DynamoDbErrors.call(() -> client.batchGetItem(r -> r.requestItems(asked)));
        items.addAll(response.responses().getOrDefault(tableName, List.of()));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return items;
  }
}
