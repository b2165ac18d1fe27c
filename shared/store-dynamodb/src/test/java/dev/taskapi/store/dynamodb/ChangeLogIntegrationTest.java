package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.Move;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.User;
import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.UserStore;
import dev.taskapi.testing.TaskStoreContract;
import dev.taskapi.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The change log as the stores write it, against dynalite: every write of tasks or lists commits exactly one entry
 * naming what it touched, in sequence, gapless, also under concurrent writers with separate caches (separate
 * containers); a refused write commits none.
 */
class ChangeLogIntegrationTest {
  private static final String TABLE = TestTable.NAME;
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

  private static DynamoDbClient client;
  private static UserStore users;
  private static TaskStore tasks;
  private static ListStore lists;

  private final TaskIds ids = new TaskIds();

  @BeforeAll
  static void connect() {
    client = TestTable.newClient(new RoundTripCounter(ROUND_TRIPS));
    users = new DynamoDbUserStore(client, TABLE);
    tasks = new DynamoDbTaskStore(client, TABLE);
    lists = new DynamoDbListStore(client, TABLE);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void everyWriteOfATaskIsOneEntryNamingIt() {
    User owner = TaskStoreContract.register(users);
    TaskList work = list(owner, "Work");
    lists.create(work, owner.email());
    Task task = task(owner);
    Instant before = Instant.now();

    tasks.create(task, owner.email());
    tasks.update(owner.id(), task.id(), TaskChanges.none().set(TaskFields.TITLE, "edited"), Optional.of(1L), now());
    tasks.move(owner.id(), task.id(), new Move(Optional.of(work.id()), new Move.Anchor.First()), TaskChanges.none(),
        Optional.empty(), now());
    tasks.move(owner.id(), task.id(), new Move(Optional.empty(), new Move.Anchor.Last()), TaskChanges.none(),
        Optional.empty(), now());
    assertTrue(tasks.delete(owner.id(), task.id()));

    List<Map<String, AttributeValue>> entries = entries(owner.id());
    assertEquals(
        List.of(names(List.of(), List.of(work.id())), names(List.of(task.id()), List.of()),
            names(List.of(task.id()), List.of()), names(List.of(task.id()), List.of()),
            names(List.of(task.id()), List.of()), names(List.of(task.id()), List.of())),
        entries.stream().map(ChangeLogIntegrationTest::named).toList());
    assertGapless(owner.id(), entries, 6);
    long expires = Long.parseLong(entries.getLast().get(ChangeItem.EXPIRES_AT).n());
    long kept = ChangeItem.KEPT.toSeconds();
    assertTrue(expires >= before.getEpochSecond() + kept && expires <= Instant.now().getEpochSecond() + kept,
        "expires_at is the write's time plus ChangeItem.KEPT: " + expires);
  }

  @Test
  void everyWriteOfAListIsOneEntryAndItsTasksGoInChunksOf98() {
    User owner = TaskStoreContract.register(users);
    TaskList work = list(owner, "Work");
    String defaultList = TaskLists.defaultListId(owner.id());
    lists.create(work, owner.email());
    lists.rename(owner.id(), work.id(), "Job", Optional.empty(), now());
    lists.rename(owner.id(), defaultList, "Inbox", Optional.of(0L), now());
    List<String> seeded = seed(owner.id(), work.id(), 150);

    assertEquals(ListStore.Deletion.DELETED, lists.delete(owner.id(), work.id(), Duration.ofSeconds(30)));

    List<Map<String, AttributeValue>> entries = entries(owner.id());
    assertGapless(owner.id(), entries, 7);
    assertEquals(names(List.of(), List.of(work.id())), named(entries.get(0)), "create");
    assertEquals(names(List.of(), List.of(work.id())), named(entries.get(1)), "rename");
    assertEquals(names(List.of(), List.of(defaultList)), named(entries.get(2)), "the default list materialised");
    assertEquals(names(List.of(), List.of(work.id())), named(entries.get(3)), "marked deleting: no longer listed");
    assertEquals(98, entries.get(4).get(ChangeItem.TASK_IDS).ss().size());
    assertEquals(52, entries.get(5).get(ChangeItem.TASK_IDS).ss().size());
    Set<String> deleted = new HashSet<>(entries.get(4).get(ChangeItem.TASK_IDS).ss());
    deleted.addAll(entries.get(5).get(ChangeItem.TASK_IDS).ss());
    assertEquals(Set.copyOf(seeded), deleted, "each deleted task named once");
    assertEquals(names(List.of(), List.of(work.id())), named(entries.get(6)), "the list item deleted");
  }

  @Test
  void aParentsDeleteNamesItWithItsDescendants() {
    User owner = TaskStoreContract.register(users);
    Task parent = task(owner);
    tasks.create(parent, owner.email());
    Task child = subTask(owner, parent);
    tasks.create(child, owner.email());
    Task grandchild = subTask(owner, child);
    tasks.create(grandchild, owner.email());
    Task leaf = task(owner);
    tasks.create(leaf, owner.email());

    ROUND_TRIPS.set(0);
    assertTrue(tasks.delete(owner.id(), leaf.id()));
    assertEquals(1, ROUND_TRIPS.get(), "a leaf's delete is one TransactWriteItems");
    assertTrue(tasks.delete(owner.id(), parent.id()));

    // The tree goes bottom up in one transaction (three tasks fit in one), so one entry names all three.
    List<Map<String, AttributeValue>> entries = entries(owner.id());
    assertGapless(owner.id(), entries, 6);
    assertEquals(names(List.of(leaf.id()), List.of()), named(entries.get(4)));
    assertEquals(names(List.of(parent.id(), child.id(), grandchild.id()), List.of()), named(entries.get(5)));
    assertEquals(Optional.empty(), tasks.find(owner.id(), grandchild.id()));
  }

  @Test
  void aRefusedWriteLeavesNoEntry() {
    User owner = TaskStoreContract.register(users);
    Task task = task(owner);
    tasks.create(task, owner.email());
    Task child = subTask(owner, task);
    tasks.create(child, owner.email());
    Task other = task(owner);
    tasks.create(other, owner.email());
    TaskChanges rename = TaskChanges.none().set(TaskFields.TITLE, "lost");
    TaskList gone = list(owner, "never created");

    assertFalse(tasks.create(task, owner.email()), "the same id again: stored already");
    assertThrows(PreconditionFailedException.class,
        () -> tasks.update(owner.id(), task.id(), rename, Optional.of(7L), now()));
    assertEquals(Optional.empty(), tasks.update(owner.id(), "no-such-task", rename, Optional.empty(), now()));
    assertFalse(tasks.delete(owner.id(), "no-such-task"));
    assertThrows(NotFoundException.class,
        () -> tasks.create(Task.created(next(), owner.id(), Optional.of(gone.id()), task.values()), owner.email()));
    assertThrows(InvalidRequestException.class, // a 400: a sub-task goes to another list only with a parent there
        () -> tasks.move(owner.id(), child.id(), new Move(Optional.of(gone.id()), new Move.Anchor.First()),
            TaskChanges.none(), Optional.empty(), now()));
    assertThrows(InvalidRequestException.class, // a 400: the task in after is in another list
        () -> tasks.move(owner.id(), other.id(), new Move(Optional.of(gone.id()), new Move.Anchor.After(child.id())),
            TaskChanges.none(), Optional.empty(), now()));
    assertThrows(PreconditionFailedException.class,
        () -> lists.rename(owner.id(), TaskLists.defaultListId(owner.id()), "x", Optional.of(3L), now()));
    assertEquals(Optional.empty(), lists.rename(owner.id(), gone.id(), "x", Optional.empty(), now()));
    assertEquals(ListStore.Deletion.NOT_FOUND, lists.delete(owner.id(), gone.id(), Duration.ofSeconds(5)));

    assertGapless(owner.id(), entries(owner.id()), 3);
  }

  /**
   * Eight writers, each a store of its own (a container with its own idea of the account's last sequence), create
   * and edit tasks of one account at once. A write refused with a 503 (contention outlasting {@link
   * ChangeLog#BUDGET}: local transactions are slow, all serialized under one lock) is sent again, as a client
   * does. Whatever committed is in the log exactly once: the entries naming a task are as many as its version.
   */
  @Test
  void eightConcurrentWritersEachWithItsOwnCacheLoseNoEntry() throws Exception {
    User owner = TaskStoreContract.register(users);
    int writers = 8;
    int edits = 2;
    AtomicInteger refused = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<String>> done = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        TaskStore container = new DynamoDbTaskStore(client, TABLE);
        done.add(pool.submit(() -> {
          Task task = task(owner);
          retried(refused, () -> container.create(task, owner.email()));
          for (int i = 0; i < edits; i++) {
            TaskChanges edit = TaskChanges.none().set(TaskFields.TITLE, "edit " + i);
            retried(refused, () -> container.update(owner.id(), task.id(), edit, Optional.empty(), now()));
          }
          return task.id();
        }));
      }
      Map<String, Long> versions = new HashMap<>();
      for (Future<String> writer : done) {
        String id = writer.get();
        versions.put(id, tasks.find(owner.id(), id).orElseThrow().version());
      }
      List<Map<String, AttributeValue>> entries = entries(owner.id());
      Map<String, Long> logged = new HashMap<>();
      for (Map<String, AttributeValue> entry : entries) {
        entry.get(ChangeItem.TASK_IDS).ss().forEach(id -> logged.merge(id, 1L, Long::sum));
      }
      assertEquals(versions, logged, "every committed write recorded, once");
      assertGapless(owner.id(), entries, (int) versions.values().stream().mapToLong(Long::longValue).sum());
      assertTrue(entries.size() >= writers * (1 + edits));
      System.out.printf("%d writes by %d concurrent writers on one account: %d ms, %d refused with a 503 and sent again%n",
          entries.size(), writers, (System.nanoTime() - started) / 1_000_000, refused.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code write} until it is not refused with a 503 (at most 20 times), counting the refusals. */
  private static void retried(AtomicInteger refused, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (ServiceUnavailableException e) {
        refused.incrementAndGet();
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  @Test
  void aStaleCacheIsCorrectedFromTheRefusedCounter() {
    User owner = TaskStoreContract.register(users);
    TaskStore first = new DynamoDbTaskStore(client, TABLE);
    TaskStore second = new DynamoDbTaskStore(client, TABLE);

    ROUND_TRIPS.set(0);
    first.create(task(owner), owner.email());
    assertEquals(1, ROUND_TRIPS.get(), "a new account's first write: its counter is absent, as guessed");
    ROUND_TRIPS.set(0);
    first.create(task(owner), owner.email());
    assertEquals(1, ROUND_TRIPS.get(), "warm: one TransactWriteItems");
    ROUND_TRIPS.set(0);
    second.create(task(owner), owner.email());
    assertEquals(2, ROUND_TRIPS.get(), "another container's first write learns the counter from the refusal");
    ROUND_TRIPS.set(0);
    first.create(task(owner), owner.email());
    assertEquals(2, ROUND_TRIPS.get(), "a stale cache costs one more round trip");

    assertGapless(owner.id(), entries(owner.id()), 4);
  }

  /**
   * The writes that read their item first (an edit, a move, a rename) read the account's counter in the same
   * BatchGetItem, so another container's writes since cost them no refused transaction: edit 2 round trips, move 3
   * (the read, the neighbours' Query, the transaction), rename 2.
   */
  @Test
  void aWriteThatReadsFirstReadsTheCounterWithItsItem() {
    User owner = TaskStoreContract.register(users);
    TaskStore otherTasks = new DynamoDbTaskStore(client, TABLE);
    ListStore otherLists = new DynamoDbListStore(client, TABLE);
    Task task = task(owner);
    TaskList work = list(owner, "Work");
    tasks.create(task, owner.email());
    lists.create(work, owner.email());
    otherTasks.create(task(owner), owner.email()); // this container's counter is now behind

    ROUND_TRIPS.set(0);
    tasks.update(owner.id(), task.id(), TaskChanges.none().set(TaskFields.TITLE, "edited"), Optional.empty(), now());
    assertEquals(2, ROUND_TRIPS.get(), "edit: BatchGetItem of the task and the counter, TransactWriteItems");
    otherTasks.create(task(owner), owner.email());
    ROUND_TRIPS.set(0);
    tasks.move(owner.id(), task.id(), new Move(Optional.empty(), new Move.Anchor.First()), TaskChanges.none(),
        Optional.empty(), now());
    assertEquals(3, ROUND_TRIPS.get(), "move: the read, the neighbours, TransactWriteItems");
    otherLists.create(list(owner, "Home"), owner.email());
    ROUND_TRIPS.set(0);
    lists.rename(owner.id(), work.id(), "Job", Optional.of(1L), now());
    assertEquals(2, ROUND_TRIPS.get(), "rename: BatchGetItem of the list and the counter, TransactWriteItems");

    assertGapless(owner.id(), entries(owner.id()), 8);
  }

  @Test
  void anItemWrittenBeforeTheLogStillUpdates() {
    User owner = TaskStoreContract.register(users);
    Task task = task(owner);
    Map<String, AttributeValue> legacy = new HashMap<>(TaskSchema.SCHEMA.itemToMap(task, true));
    legacy.remove(TaskItem.VERSION);
    legacy.remove(TaskItem.POSITION_SK);
    client.putItem(r -> r.tableName(TABLE).item(legacy));

    Task updated = tasks.update(owner.id(), task.id(), TaskChanges.none().set(TaskFields.TITLE, "new"),
        Optional.of(0L), now()).orElseThrow();

    assertEquals(1, updated.version());
    assertEquals(Optional.of(updated), tasks.find(owner.id(), task.id()));
    assertGapless(owner.id(), entries(owner.id()), 1);
  }

  @Test
  void deletingTheAccountsPartitionDeletesItsLog() {
    User owner = TaskStoreContract.register(users);
    tasks.create(task(owner), owner.email());
    lists.create(list(owner, "Work"), owner.email());
    assertEquals(2, entries(owner.id()).size());

    assertTrue(tasks.deleteAll(owner.id(), Duration.ofSeconds(30)));

    assertEquals(0, client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk").consistentRead(true)
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(owner.id())))))
        .count(), "no counter, no entry");
  }

  /** The entries are numbered 1 to {@code count}, in sort key order, and the counter is at {@code count}. */
  private static void assertGapless(String userId, List<Map<String, AttributeValue>> entries, int count) {
    List<Long> sequences = entries.stream().map(e -> Long.parseLong(e.get(ChangeItem.SEQUENCE).n())).toList();
    List<Long> expected = new ArrayList<>();
    for (long n = 1; n <= count; n++) {
      expected.add(n);
    }
    assertEquals(expected, sequences);
    for (Map<String, AttributeValue> entry : entries) {
      long seq = Long.parseLong(entry.get(ChangeItem.SEQUENCE).n());
      assertEquals(ChangeItem.sortKey(seq), entry.get(TableKeys.SORT_KEY).s());
    }
    Map<String, AttributeValue> counter = client.getItem(r -> r.tableName(TABLE).consistentRead(true).key(Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(ChangeItem.COUNTER_SORT_KEY)))).item();
    assertEquals(count == 0 ? null : Long.toString(count),
        counter.isEmpty() ? null : counter.get(ChangeItem.SEQUENCE).n());
  }

  /** The account's entries, in sequence order: one strongly consistent Query, every page. */
  static List<Map<String, AttributeValue>> entries(String userId) {
    List<Map<String, AttributeValue>> entries = new ArrayList<>();
    client.queryPaginator(r -> r.tableName(TABLE).consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :change)")
            .expressionAttributeValues(Map.of(
                ":pk", AttributeValue.fromS(TaskItem.partitionKey(userId)),
                ":change", AttributeValue.fromS(ChangeItem.SORT_PREFIX))))
        .items()
        .forEach(entries::add);
    return entries;
  }

  private static Map<String, Set<String>> named(Map<String, AttributeValue> entry) {
    return names(
        entry.containsKey(ChangeItem.TASK_IDS) ? entry.get(ChangeItem.TASK_IDS).ss() : List.of(),
        entry.containsKey(ChangeItem.LIST_IDS) ? entry.get(ChangeItem.LIST_IDS).ss() : List.of());
  }

  private static Map<String, Set<String>> names(List<String> taskIds, List<String> listIds) {
    return Map.of(ChangeItem.TASK_IDS, Set.copyOf(taskIds), ChangeItem.LIST_IDS, Set.copyOf(listIds));
  }

  /** {@code count} tasks of {@code listId}, written directly (BatchWriteItem): a list to delete, nothing logged. */
  private List<String> seed(String userId, String listId, int count) {
    List<String> seeded = new ArrayList<>();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = next();
      Map<String, AttributeValue> item = new HashMap<>(TaskSchema.SCHEMA.itemToMap(
          TestTasks.task(id, userId, "Task " + i, ""), true));
      item.put(TaskItem.LIST_ID, AttributeValue.fromS(listId));
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      seeded.add(id);
      if (batch.size() == 25 || i == count - 1) {
        List<WriteRequest> request = List.copyOf(batch);
        assertTrue(client.batchWriteItem(r -> r.requestItems(Map.of(TABLE, request))).unprocessedItems().isEmpty());
        batch.clear();
      }
    }
    return seeded;
  }

  private Task task(User owner) {
    return TestTasks.task(next(), owner.id(), "a task", "");
  }

  private Task subTask(User owner, Task parent) {
    String id = next();
    return Task.created(id, owner.id(), Placement.under(parent, id, Optional.empty()), parent.values());
  }

  private TaskList list(User owner, String title) {
    String id = next();
    return new TaskList(id, owner.id(), title, TaskIds.createdAt(id), TaskIds.createdAt(id), TaskList.FIRST_VERSION);
  }

  private String next() {
    return ids.next(System.currentTimeMillis()).toString();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
