package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.User;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.ListStore.Deletion;
import dev.taskapi.testing.TaskStoreContract;
import dev.taskapi.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What only DynamoDB shows of the list store: a list's deletion deleting exactly the task items that carry its
 * {@code list_id} (written here as the task model will write them), over several calls when there are many, the
 * list reading as absent meanwhile; the account's deletion taking lists along; and each call's round trips.
 */
class DynamoDbListStoreIntegrationTest {
  private static final String TABLE = TestTable.NAME;
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

  private static DynamoDbClient client;
  private static DynamoDbListStore lists;
  private static DynamoDbTaskStore tasks;
  private static DynamoDbUserStore users;

  private final TaskIds ids = new TaskIds();

  @BeforeAll
  static void connect() {
    client = TestTable.newClient(new RoundTripCounter(ROUND_TRIPS));
    lists = new DynamoDbListStore(client, TABLE);
    tasks = new DynamoDbTaskStore(client, TABLE);
    users = new DynamoDbUserStore(client, TABLE);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void deletingAListDeletesItsTasksAndNoOthers() {
    User owner = owner();
    TaskList work = create(owner, "Work");
    TaskList home = create(owner, "Home");
    List<Task> workTasks = seed(owner, Optional.of(work.id()), 3);
    List<Task> homeTasks = seed(owner, Optional.of(home.id()), 2);
    List<Task> inboxTasks = seed(owner, Optional.empty(), 2); // written before lists: in the default list
    Task strangers = seed(owner(), Optional.of(work.id()), 1).getFirst(); // another partition, the same list id

    assertEquals(Deletion.DELETED, lists.delete(owner.id(), work.id(), Duration.ofSeconds(30)));

    for (Task task : workTasks) {
      assertEquals(Optional.empty(), tasks.find(owner.id(), task.id()));
    }
    for (Task task : concat(homeTasks, inboxTasks)) {
      assertTrue(tasks.find(owner.id(), task.id()).isPresent(), task.id());
    }
    assertTrue(tasks.find(strangers.userId(), strangers.id()).isPresent());
    assertFalse(client.getItem(r -> r.tableName(TABLE).key(ListSchema.keyMap(owner.id(), work.id()))).hasItem());
    assertEquals("1", counter(owner.id()), "one list left besides the default");
  }

  @Test
  void aListWithManyTasksIsDeletedOverSeveralCallsAndReadsAsAbsentFromTheFirst() {
    User owner = owner();
    TaskList big = create(owner, "Big");
    seed(owner, Optional.of(big.id()), 1_100);
    List<Task> others = seed(owner, Optional.empty(), 30);

    assertEquals(Deletion.UNFINISHED, lists.delete(owner.id(), big.id(), Duration.ZERO));

    assertEquals(Optional.empty(), lists.find(owner.id(), big.id()));
    assertEquals(List.of(TaskLists.neverWritten(owner.id())), lists.all(owner.id()));
    assertEquals(Optional.empty(), lists.rename(owner.id(), big.id(), "x", Optional.empty(), now()));
    int calls = 1;
    Deletion outcome;
    do {
      outcome = lists.delete(owner.id(), big.id(), Duration.ZERO);
      calls++;
    } while (outcome == Deletion.UNFINISHED && calls < 20);
    assertEquals(Deletion.DELETED, outcome);
    assertTrue(calls >= 3, "a page of 500 per call: " + calls);
    assertEquals(others.size(), tasks.list(owner.id(), Optional.empty(), 100, Optional.empty()).tasks().size());
    assertEquals(Deletion.NOT_FOUND, lists.delete(owner.id(), big.id(), Duration.ZERO));
  }

  @Test
  void deletingTheAccountsPartitionDeletesItsListsAndTheirCounter() {
    User owner = owner();
    create(owner, "Work");
    lists.rename(owner.id(), TaskLists.defaultListId(owner.id()), "Today", Optional.empty(), now());

    assertTrue(tasks.deleteAll(owner.id(), Duration.ofSeconds(30)));

    assertEquals(0, client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(owner.id()))))).count());
    assertEquals(List.of(TaskLists.neverWritten(owner.id())), lists.all(owner.id()));
  }

  @Test
  void everyCallButARenameOrADeletionIsOneRoundTrip() {
    User owner = owner();
    TaskList work = list(owner, "Work");

    assertEquals(1, trips(() -> lists.create(work, owner.email())), "create: one TransactWriteItems");
    assertEquals(1, trips(() -> lists.all(owner.id())), "all: one Query");
    assertEquals(1, trips(() -> lists.find(owner.id(), work.id())), "find: one GetItem");
    assertEquals(1, trips(() -> lists.find(owner.id(), TaskLists.defaultListId(owner.id()))), "never written");
    // A rename reads the list (a transaction returns no values) and writes it with its change-log entry.
    assertEquals(2, trips(() -> lists.rename(owner.id(), work.id(), "Job", Optional.of(1L), now())), "GetItem, TWI");
    // TransactWriteItems marking it; one Query page finding no task; TransactWriteItems deleting it and counting it
    // off (each with its change-log entry, the account's sequence known from the create).
    assertEquals(3, trips(() -> lists.delete(owner.id(), work.id(), Duration.ofSeconds(30))), "delete, no tasks");
  }

  private static int trips(Runnable call) {
    ROUND_TRIPS.set(0);
    call.run();
    return ROUND_TRIPS.get();
  }

  private TaskList create(User owner, String title) {
    TaskList list = list(owner, title);
    lists.create(list, owner.email());
    return list;
  }

  private TaskList list(User owner, String title) {
    String id = ids.next(System.currentTimeMillis()).toString();
    return new TaskList(id, owner.id(), title, TaskIds.createdAt(id), TaskIds.createdAt(id), TaskList.FIRST_VERSION);
  }

  /**
   * {@code count} task items of {@code owner}'s, carrying {@code listId} as the {@code list_id} attribute when
   * present (as tasks will once the task model has the field), written with BatchWriteItem.
   */
  private List<Task> seed(User owner, Optional<String> listId, int count) {
    List<Task> seeded = new ArrayList<>();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = ids.next(System.currentTimeMillis()).toString();
      Task task = TestTasks.task(id, owner.id(), "Task " + i, "");
      Map<String, AttributeValue> item = new HashMap<>(TaskSchema.SCHEMA.itemToMap(task, true));
      listId.ifPresent(list -> item.put(TaskItem.LIST_ID, AttributeValue.fromS(list)));
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      seeded.add(task);
      if (batch.size() == 25 || i == count - 1) {
        List<WriteRequest> request = List.copyOf(batch);
        assertTrue(client.batchWriteItem(r -> r.requestItems(Map.of(TABLE, request))).unprocessedItems().isEmpty());
        batch.clear();
      }
    }
    return seeded;
  }

  private static String counter(String userId) {
    return client.getItem(r -> r.tableName(TABLE).key(ListSchema.counterKey(userId)).consistentRead(true))
        .item().get(ListItem.COUNT).n();
  }

  private static User owner() {
    return TaskStoreContract.register(users);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
