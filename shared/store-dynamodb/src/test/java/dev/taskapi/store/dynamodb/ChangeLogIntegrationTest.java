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
import dev.taskapi.store.SyncFeed;
import dev.taskapi.store.SyncStore;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.UserStore;
import dev.taskapi.testing.TaskStoreContract;
import dev.taskapi.testing.TestTasks;
import java.time.Clock;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
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
   * and edit tasks of one account at once. None waits on the others for the counter (a writer that meets them takes
   * a number of its own), so none outlasts {@link ChangeLog#BUDGET}: no 503 (before, 0 to 9 of 24 writes were).
   * Whatever committed is in the log exactly once: the entries naming a task are as many as its version, and every
   * number given out has one entry, the write's or a void.
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
      System.out.printf("%d writes by %d concurrent writers on one account: %d ms, %d refused with a 503 and sent again%n",
          entries.size(), writers, (System.nanoTime() - started) / 1_000_000, refused.get());
      Map<String, Long> logged = new HashMap<>();
      for (Map<String, AttributeValue> entry : written(entries)) {
        entry.get(ChangeItem.TASK_IDS).ss().forEach(id -> logged.merge(id, 1L, Long::sum));
      }
      assertEquals(versions, logged, "every committed write recorded, once");
      assertEveryNumberHasOneEntry(owner.id(), entries);
      assertEquals(writers * (1 + edits), written(entries).size());
      assertEquals(0, refused.get(), "no write waited out the budget on the counter");
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

  /**
   * A writer takes a number (ADD) and stalls before its transaction; another writer's entry above it is older than
   * {@link DynamoDbSyncStore#GAP_ABANDONED}. The reader voids the stalled number and passes it; the late writer's
   * transaction is then refused on its entry alone, and it commits with a new number, which the next pull reads.
   */
  @Test
  void aReaderVoidsAnAbandonedGapAndItsLateWriterCommitsWithANewNumber() throws Exception {
    User owner = TaskStoreContract.register(users);
    Task late = task(owner);
    Task other = task(owner);
    CountDownLatch numbered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ChangeLog stalling = new ChangeLog(new StallingClient(client, numbered, release), TABLE);
    ChangeLog pastClock =
        new ChangeLog(client, TABLE, Clock.offset(Clock.systemUTC(), DynamoDbSyncStore.GAP_ABANDONED.negated()));
    DynamoDbSyncStore sync = new DynamoDbSyncStore(client, TABLE);
    counterAtZero(owner.id()); // an ADD takes a number only from a counter that exists
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> lateWrite = pool.submit(() -> stalling.commitNumbered(owner.id(), List.of(taskPut(late)),
          List.of(late.id()), List.of(), System.nanoTime() + ChangeLog.BUDGET.toNanos()));
      assertTrue(numbered.await(10, TimeUnit.SECONDS), "the late writer took number 1");
      assertEquals(2, pastClock.commit(owner.id(), List.of(taskPut(other)), List.of(other.id()), List.of()));

      SyncStore.ChangePage page = sync.changes(owner.id(), 0, 100);
      assertEquals(2, page.last(), "number 1 voided and passed");
      assertEquals(List.of(other.id()), page.items().tasks().stream().map(Task::id).toList());
      assertTrue(entries(owner.id()).getFirst().get(ChangeItem.VOID).bool());

      release.countDown();
      assertEquals(3, lateWrite.get(10, TimeUnit.SECONDS), "its entry refused, it took a new number");
      SyncStore.ChangePage next = sync.changes(owner.id(), page.last(), 100);
      assertEquals(3, next.last());
      assertEquals(List.of(late.id()), next.items().tasks().stream().map(Task::id).toList());
      assertEveryNumberHasOneEntry(owner.id(), entries(owner.id()));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * A number given out whose entry is missing below a young entry (its writer may still commit) ends the page
   * before it: the token stays below it, has_more is false, and the entry above waits for a later pull.
   */
  @Test
  void aYoungGapEndsThePageBeforeIt() {
    User owner = TaskStoreContract.register(users);
    Task first = task(owner);
    Task afterGap = task(owner);
    tasks.create(first, owner.email());
    takeNumberOnly(owner.id()); // number 2: given out, its writer not done
    tasks.create(afterGap, owner.email());

    SyncStore.ChangePage page = new DynamoDbSyncStore(client, TABLE).changes(owner.id(), 0, 100);

    assertEquals(1, page.last());
    assertFalse(page.more(), "nothing more to read now: the rest comes on a later pull");
    assertEquals(List.of(first.id()), page.items().tasks().stream().map(Task::id).toList());
    assertEquals(Optional.empty(),
        entries(owner.id()).stream().filter(e -> e.containsKey(ChangeItem.VOID)).findAny(), "nothing voided");
  }

  /**
   * A full sync while a write holds a number it has not committed (2, below a committed 3) starts below that
   * number, so the next pull delivers the write once it commits; the counter's closed mark rises only as far.
   */
  @Test
  void aFullSyncStartsBelowAWriteStillInFlight() throws Exception {
    User owner = TaskStoreContract.register(users);
    Task before = task(owner);
    Task late = task(owner);
    Task after = task(owner);
    tasks.create(before, owner.email());
    CountDownLatch numbered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ChangeLog stalling = new ChangeLog(new StallingClient(client, numbered, release), TABLE);
    SyncFeed feed = new SyncFeed(new DynamoDbSyncStore(client, TABLE), Clock.systemUTC());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> lateWrite = pool.submit(() -> stalling.commitNumbered(owner.id(), List.of(taskPut(late)),
          List.of(late.id()), List.of(), System.nanoTime() + ChangeLog.BUDGET.toNanos()));
      assertTrue(numbered.await(10, TimeUnit.SECONDS), "the late writer took number 2");
      tasks.create(after, owner.email());

      SyncFeed.Page full = feed.page(owner.id(), Optional.empty(), 100);
      assertEquals(1, full.next().sequence(), "below number 2, still in flight");
      assertEquals(Set.of(before.id(), after.id()), ids(full.items().tasks()));
      release.countDown();
      assertEquals(2, lateWrite.get(10, TimeUnit.SECONDS));
      SyncFeed.Page next = feed.page(owner.id(), Optional.of(full.next()), 100);

      assertTrue(ids(next.items().tasks()).contains(late.id()), "the write in flight is delivered");
      assertEquals(3, next.next().sequence());
      assertEquals(3, feed.page(owner.id(), Optional.empty(), 100).next().sequence(), "nothing in flight now");
      assertEquals("3", counterItem(owner.id()).get(ChangeItem.CLOSED).n());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static Set<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::id).collect(java.util.stream.Collectors.toSet());
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

  /**
   * A writer takes a number (ADD) and stalls; the account's deletion sweeps its partition; the write is then
   * refused (its task is gone) and its number's void is refused too (the counter is gone): nothing of the account is
   * left. SecurityReviewTest found a void entry left this way by creates racing DELETE /auth/me.
   */
  @Test
  void aWriteRefusedAfterItsAccountsPartitionWasSweptLeavesNoEntryAndNoCounter() throws Exception {
    User owner = TaskStoreContract.register(users);
    Task task = task(owner);
    tasks.create(task, owner.email());
    CountDownLatch numbered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ChangeLog stalling = new ChangeLog(new StallingClient(client, numbered, release), TABLE);
    TransactWriteItem edit = TransactWriteItem.builder().update(u -> u.tableName(TABLE)
        .key(TaskSchema.key(owner.id(), task.id()).primaryKeyMap(TaskSchema.SCHEMA))
        .updateExpression("SET title = :t").conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("edited")))).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> lateWrite = pool.submit(() -> stalling.commitNumbered(owner.id(), List.of(edit),
          List.of(task.id()), List.of(), System.nanoTime() + ChangeLog.BUDGET.toNanos()));
      assertTrue(numbered.await(10, TimeUnit.SECONDS), "the writer took number 2");
      assertTrue(tasks.deleteAll(owner.id(), Duration.ofSeconds(30)));
      release.countDown();

      java.util.concurrent.ExecutionException refused =
          assertThrows(java.util.concurrent.ExecutionException.class, () -> lateWrite.get(10, TimeUnit.SECONDS));
      assertTrue(refused.getCause()
          instanceof software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException, refused.toString());
      assertEquals(0, client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk").consistentRead(true)
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(owner.id())))))
          .count(), "no void entry, no counter");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
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
    Map<String, AttributeValue> counter = counterItem(userId);
    assertEquals(count == 0 ? null : Long.toString(count),
        counter.isEmpty() ? null : counter.get(ChangeItem.SEQUENCE).n());
  }

  /** The account's change-log counter, read strongly consistent. */
  private static Map<String, AttributeValue> counterItem(String userId) {
    return client.getItem(r -> r.tableName(TABLE).consistentRead(true).key(Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(ChangeItem.COUNTER_SORT_KEY)))).item();
  }

  /** Every number from 1 to the counter has one entry, a write's or a void (the key schema allows no second). */
  private static void assertEveryNumberHasOneEntry(String userId, List<Map<String, AttributeValue>> entries) {
    List<Long> expected = new ArrayList<>();
    for (long n = 1; n <= Long.parseLong(counterItem(userId).get(ChangeItem.SEQUENCE).n()); n++) {
      expected.add(n);
    }
    assertEquals(expected, entries.stream().map(e -> Long.parseLong(e.get(ChangeItem.SEQUENCE).n())).toList());
  }

  /** The entries of writes: without the voids. */
  private static List<Map<String, AttributeValue>> written(List<Map<String, AttributeValue>> entries) {
    return entries.stream().filter(e -> !e.containsKey(ChangeItem.VOID)).toList();
  }

  /** Gives out the account's next number as a writer does ({@code ADD seq 1}), and writes nothing else. */
  /** The account's counter at 0, as if its first write had been refused after creating it. */
  private static void counterAtZero(String userId) {
    client.putItem(r -> r.tableName(TABLE).item(Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(ChangeItem.COUNTER_SORT_KEY),
        ChangeItem.SEQUENCE, AttributeValue.fromN("0"))));
  }

  private static void takeNumberOnly(String userId) {
    client.updateItem(r -> r.tableName(TABLE)
        .key(Map.of(TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
            TableKeys.SORT_KEY, AttributeValue.fromS(ChangeItem.COUNTER_SORT_KEY)))
        .updateExpression("ADD #seq :one")
        .expressionAttributeNames(Map.of("#seq", ChangeItem.SEQUENCE))
        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
  }

  /** A task's Put as a write's item, conditional on its id being new. */
  private static TransactWriteItem taskPut(Task task) {
    return TransactWriteItem.builder()
        .put(Put.builder().tableName(TABLE).item(TaskSchema.SCHEMA.itemToMap(task, true))
            .conditionExpression("attribute_not_exists(pk)").build())
        .build();
  }

  /**
   * The client as a writer that stalls: its first TransactWriteItems counts {@code sending} down and waits for
   * {@code release} before it is sent; every other call goes straight through.
   */
  private static final class StallingClient implements DynamoDbClient {
    private final DynamoDbClient client;
    private final CountDownLatch sending;
    private final CountDownLatch release;

    StallingClient(DynamoDbClient client, CountDownLatch sending, CountDownLatch release) {
      this.client = client;
      this.sending = sending;
      this.release = release;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      if (sending.getCount() > 0) {
        sending.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return client.transactWriteItems(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
      return client.updateItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      return client.putItem(request);
    }

    @Override
    public String serviceName() {
      return client.serviceName();
    }

    @Override
    public void close() {}
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
