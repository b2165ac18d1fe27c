package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.store.SyncStore;
import dev.taskapi.store.dynamodb.ListSchema.StoredList;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A page of changes costs one Query and one BatchGetItem per 100 ids, plus one BatchGetItem for the lists of its
 * tasks that it did not read itself; a snapshot page one Query, plus the same for the lists.
 */
class DynamoDbSyncStoreRoundTripsTest {
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();
  private static DynamoDbClient counted;
  private static SyncStore store;
  private final DynamoDbClient client = TestTable.client();
  private final TaskIds ids = new TaskIds();

  @BeforeAll
  static void connect() {
    counted = TestTable.newClient(new RoundTripCounter(ROUND_TRIPS));
    store = new DynamoDbSyncStore(counted, TestTable.NAME);
  }

  @AfterAll
  static void disconnect() {
    counted.close();
  }

  @Test
  void aPageOf150ChangesInTheDefaultListIsOneQueryAndTwoBatchGets() {
    String user = UUID.randomUUID().toString();
    List<String> taskIds = put(user, null, 150);
    assertEquals(3, roundTrips(() -> assertEquals(150, store.changes(user, 0, 150).items().tasks().size())));
    assertEquals(taskIds.size(), store.changes(user, 0, 1000).last());
  }

  @Test
  void tasksOfAListThePageDidNotReadCostOneMoreBatchGet() {
    String user = UUID.randomUUID().toString();
    Instant now = Instant.now();
    TaskList list = new TaskList(ids.next(now.toEpochMilli()).toString(), user, "work", now, now, 1);
    client.putItem(r -> r.tableName(TestTable.NAME).item(ListSchema.SCHEMA.itemToMap(new StoredList(list, false), true)));
    DynamoDbSyncStoreContractTest.log(client, user, List.of(), List.of(list.id()));
    put(user, list.id(), 3);
    assertEquals(2, roundTrips(() -> store.changes(user, 0, 100))); // the list is named: read in the same batch
    assertEquals(3, roundTrips(() -> store.changes(user, 1, 100))); // the tasks alone: their list read after
    assertEquals(1, roundTrips(() -> store.snapshot(user, Optional.empty(), 100))); // the list is in the page
  }

  private List<String> put(String user, String listId, int count) {
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Task task =
          Task.created(
              ids.next(System.currentTimeMillis()).toString(), user, Optional.ofNullable(listId), TestTasks.values("t" + i, ""));
      client.putItem(r -> r.tableName(TestTable.NAME).item(TaskSchema.SCHEMA.itemToMap(task, true)));
      DynamoDbSyncStoreContractTest.log(client, user, List.of(task.id()), List.of());
      taskIds.add(task.id());
    }
    return taskIds;
  }

  private static int roundTrips(Runnable call) {
    int before = ROUND_TRIPS.get();
    call.run();
    return ROUND_TRIPS.get() - before;
  }

}
