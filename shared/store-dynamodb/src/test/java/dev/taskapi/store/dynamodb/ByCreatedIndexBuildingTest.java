package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.domain.User;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.testing.TaskStoreContract;
import dev.taskapi.testing.TestTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * After the upgrade that adds {@value TaskItem#BY_CREATED}, DynamoDB refuses every Query of it while it builds the
 * index from the table ("Cannot read from backfilling global secondary index", a ValidationException: "Adding a
 * global secondary index to an existing table", DynamoDB Developer Guide), and CloudFormation does not wait for
 * that. dynalite builds an index at once, so the refusal is injected here, as DynamoDB words it, on the real calls:
 * the default listing then reads the table's range (id order: creation order for every task the server named),
 * page after page, never a 503; a listing only the building index could serve still is one.
 */
class ByCreatedIndexBuildingTest {
  private static final String REFUSAL = "Cannot read from backfilling global secondary index: " + TaskItem.BY_CREATED;

  /** Refuses each Query of by-created before it is sent, as DynamoDB refuses it while it builds the index. */
  private static final class Building implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof QueryRequest query && TaskItem.BY_CREATED.equals(query.indexName())) {
        throw DynamoDbErrorsTest.validation(REFUSAL);
      }
    }
  }

  @Test
  void theDefaultListingReadsTheTableWhileTheIndexIsBuildingPageAfterPage() {
    User owner = TaskStoreContract.register(new DynamoDbUserStore(TestTable.client(), TestTable.NAME));
    DynamoDbTaskStore writer = new DynamoDbTaskStore(TestTable.client(), TestTable.NAME);
    TaskIds ids = new TaskIds();
    List<Task> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Task task = TestTasks.task(ids.next(System.currentTimeMillis()).toString(), owner.id(), "task " + i, "");
      writer.create(task, owner.email());
      created.add(task);
    }
    DynamoDbClient building = TestTable.newClient(new Building());
    DynamoDbTaskStore store = new DynamoDbTaskStore(building, TestTable.NAME);

    List<Task> listed = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      TaskQuery.Page page = store.query(owner.id(), TaskStoreContract.query(), 2, cursor);
      listed.addAll(page.tasks());
      cursor = page.next();
    } while (cursor.isPresent());

    assertEquals(created.reversed(), listed, "newest first, from the table");
    assertEquals(created, store.query(owner.id(), TaskStoreContract.query("sort", "created"), 10, Optional.empty())
        .tasks());
    ServiceUnavailableException refused = assertThrows(ServiceUnavailableException.class,
        () -> DynamoDbErrors.call(() -> building.query(r -> r.tableName(TestTable.NAME).indexName(TaskItem.BY_CREATED)
            .keyConditionExpression("pk = :pk").expressionAttributeValues(java.util.Map.of(":pk",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(TaskItem.partitionKey(owner.id())))))));
    assertEquals(DynamoDbErrors.BACKFILLING_RETRY_AFTER_SECONDS, refused.retryAfterSeconds(), "the refusal is real");
  }
}
