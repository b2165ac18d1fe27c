package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.TaskItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * The one page of a small sort-key range in a user's partition (its lists, its webhooks: each bounded by its
 * per-account limit, so one page holds them all), strongly consistent.
 */
final class OwnerRange {
  private OwnerRange() {}

  static <T> Page<T> firstPage(DynamoDbTable<T> table, String userId, String sortPrefix) {
    QueryEnhancedRequest query =
        QueryEnhancedRequest.builder()
            .queryConditional(
                QueryConditional.sortBeginsWith(
                    Key.builder().partitionValue(TaskItem.partitionKey(userId)).sortValue(sortPrefix).build()))
            .consistentRead(true)
            .build();
    return DynamoDbErrors.call(() -> table.query(query).iterator().next());
  }
}
