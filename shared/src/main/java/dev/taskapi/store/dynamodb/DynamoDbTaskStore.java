package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskPage;
import dev.taskapi.store.TaskStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link TaskStore} on the API's DynamoDB table; see {@link TaskSchema} for the key design. */
public final class DynamoDbTaskStore implements TaskStore {
  /** Guards the (practically impossible) reuse of an id: a create never overwrites an existing task. */
  private static final Expression ABSENT = Expression.builder().expression("attribute_not_exists(pk)").build();
  /** A delete of a task that is not there must fail rather than succeed silently, so the caller gets its 404. */
  private static final Expression PRESENT = Expression.builder().expression("attribute_exists(pk)").build();

  private final DynamoDbTable<Task> table;

  public DynamoDbTaskStore(DynamoDbEnhancedClient client, String tableName) {
    this.table = client.table(tableName, TaskSchema.SCHEMA);
  }

  @Override
  public void create(Task task) {
    PutItemEnhancedRequest<Task> put =
        PutItemEnhancedRequest.builder(Task.class).item(task).conditionExpression(ABSENT).build();
    DynamoDbErrors.call(() -> table.putItemWithResponse(put));
  }

  @Override
  public TaskPage list(String userId, int limit, Optional<String> afterTaskId) {
    // Ask for one more than the page: whether it comes back tells exactly whether another page exists, so the
    // last page has no cursor (DynamoDB's LastEvaluatedKey alone would send clients to a final empty page).
    QueryEnhancedRequest.Builder query =
        QueryEnhancedRequest.builder()
            .queryConditional(QueryConditional.keyEqualTo(TaskSchema.partition(userId)))
            .scanIndexForward(false)
            .consistentRead(true)
            .limit(limit + 1);
    afterTaskId.ifPresent(id -> query.exclusiveStartKey(startKey(userId, id)));
    QueryEnhancedRequest request = query.build();
    Page<Task> page = DynamoDbErrors.call(() -> table.query(request).iterator().next());

    List<Task> items = page.items();
    if (items.size() > limit) {
      List<Task> tasks = items.subList(0, limit);
      return new TaskPage(tasks, Optional.of(tasks.getLast().id()));
    }
    // Fewer than asked but a LastEvaluatedKey: DynamoDB stopped at its 1 MB page size, so more may follow.
    boolean truncated = page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty();
    Optional<String> last = truncated && !items.isEmpty() ? Optional.of(items.getLast().id()) : Optional.empty();
    return new TaskPage(items, last);
  }

  @Override
  public boolean delete(String userId, String taskId) {
    DeleteItemEnhancedRequest delete =
        DeleteItemEnhancedRequest.builder().key(TaskSchema.key(userId, taskId)).conditionExpression(PRESENT).build();
    try {
      DynamoDbErrors.call(() -> table.deleteItemWithResponse(delete));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static Map<String, AttributeValue> startKey(String userId, String taskId) {
    return TaskSchema.key(userId, taskId).keyMap(TaskSchema.SCHEMA, "$PRIMARY_INDEX");
  }
}
