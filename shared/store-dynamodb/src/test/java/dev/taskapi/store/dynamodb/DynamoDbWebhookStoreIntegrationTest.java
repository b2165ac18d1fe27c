package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.User;
import dev.taskapi.domain.Webhook;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.testing.TaskStoreContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What only DynamoDB shows of the webhook store: the account's deletion (which deletes its partition) taking its
 * webhooks and their counter along, and each call's round trips.
 */
class DynamoDbWebhookStoreIntegrationTest {
  private static final String TABLE = TestTable.NAME;
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

  private static DynamoDbClient client;
  private static DynamoDbWebhookStore webhooks;
  private static DynamoDbTaskStore tasks;
  private static DynamoDbUserStore users;

  private final TaskIds ids = new TaskIds();

  @BeforeAll
  static void connect() {
    client = TestTable.newClient(new RoundTripCounter(ROUND_TRIPS));
    webhooks = new DynamoDbWebhookStore(client, TABLE);
    tasks = new DynamoDbTaskStore(client, TABLE);
    users = new DynamoDbUserStore(client, TABLE);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  private Webhook webhook(User owner) {
    String id = ids.next(System.currentTimeMillis()).toString();
    return Webhook.registered(id, owner.id(), "https://hooks.example.com/", List.of("task.created"), Optional.empty(),
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", TaskIds.createdAt(id));
  }

  @Test
  void deletingTheAccountsPartitionDeletesItsWebhooksAndTheirCounter() {
    User owner = TaskStoreContract.register(users);
    webhooks.create(webhook(owner), owner.email());
    webhooks.create(webhook(owner), owner.email());

    assertTrue(tasks.deleteAll(owner.id(), Duration.ofSeconds(30)));

    assertEquals(0, client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(owner.id()))))).count());
    assertEquals(List.of(), webhooks.all(owner.id()));
  }

  @Test
  void eachCallIsOneRoundTrip() {
    User owner = TaskStoreContract.register(users);
    Webhook webhook = webhook(owner);

    assertEquals(1, trips(() -> webhooks.create(webhook, owner.email())), "create");
    assertEquals(1, trips(() -> webhooks.all(owner.id())), "all");
    assertEquals(1, trips(() -> webhooks.find(owner.id(), webhook.id())), "find");
    assertEquals(1, trips(() -> webhooks.delete(owner.id(), webhook.id())), "delete");
  }

  private static int trips(Runnable call) {
    int before = ROUND_TRIPS.get();
    call.run();
    return ROUND_TRIPS.get() - before;
  }
}
