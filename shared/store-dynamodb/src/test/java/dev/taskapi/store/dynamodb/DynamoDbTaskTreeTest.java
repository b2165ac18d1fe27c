package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.Move;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.User;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.testing.TaskStoreContract;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What only DynamoDB shows of subtree moves and cascade deletes (the rules both stores keep are in {@link
 * TaskStoreContract}): a moved subtree is one TransactWriteItems that each sub-task's concurrent change cancels
 * (the move reads again, or is a 412 when the moved task itself changed under If-Match), and a cascade delete
 * interrupted between its writes leaves one whole tree that a retried delete finishes. An SDK interceptor on the
 * store's client runs a concurrent write just before the store's next write, or fails a write as a crash would.
 */
class DynamoDbTaskTreeTest {
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();
  private static final Interference INTERFERENCE = new Interference();

  private static DynamoDbClient client;
  private static DynamoDbTaskStore tasks;
  private static DynamoDbTaskStore others;
  private static DynamoDbUserStore users;
  private static DynamoDbListStore lists;

  private final TaskIds ids = new TaskIds();

  @BeforeAll
  static void connect() {
    client = TestTable.newClient(INTERFERENCE);
    tasks = new DynamoDbTaskStore(client, TestTable.NAME);
    others = new DynamoDbTaskStore(TestTable.client(), TestTable.NAME);
    users = new DynamoDbUserStore(TestTable.client(), TestTable.NAME);
    lists = new DynamoDbListStore(TestTable.client(), TestTable.NAME);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @BeforeEach
  void reset() {
    INTERFERENCE.clear();
    ROUND_TRIPS.set(0);
  }

  @Test
  void aSubtreeMovesToAnotherListInOneTransactionWithEveryKeyRewritten() {
    User owner = TaskStoreContract.register(users);
    TaskList work = list(owner);
    Task root = stored(owner, task(owner, "root"));
    Task child = stored(owner, under(root, "child"));
    // Written by the store measured, so that it knows the account's change-log counter: a container's first write
    // of an account learns it from a refusal (one more round trip), which is not what this test counts.
    Task grandchild = under(child, "grandchild");
    tasks.create(grandchild, owner.email());
    AtomicInteger transactions = INTERFERENCE.count(TransactWriteItemsRequest.class);
    ROUND_TRIPS.set(0);

    tasks.move(owner.id(), root.id(), to(work.id()), TaskChanges.none(), Optional.empty(), now()).orElseThrow();

    assertEquals(1, transactions.get(), "one transaction");
    // GetItem of the task, Query of the neighbours, Query of the sub-tasks, the transaction.
    assertEquals(4, ROUND_TRIPS.get());
    for (Task task : List.of(root, child, grandchild)) {
      Map<String, AttributeValue> item = item(owner, task.id());
      Placement at = task.placement();
      String position = task == root ? item.get(TaskItem.POSITION).s() : at.position();
      assertEquals(work.id(), item.get(TaskItem.LIST_ID).s(), task.title());
      assertEquals(TaskItem.positionSortKey(work.id(), at.parentId(), position, task.id()),
          item.get(TaskItem.POSITION_SK).s(), task.title());
      assertEquals(at.depth() == 0 ? null : Integer.toString(at.depth()),
          item.containsKey(TaskItem.DEPTH) ? item.get(TaskItem.DEPTH).n() : null, task.title());
    }
  }

  @Test
  void aSubTaskChangedDuringTheMoveCancelsItAndTheMoveReadsAgainEvenUnderIfMatch() {
    User owner = TaskStoreContract.register(users);
    TaskList work = list(owner);
    Task root = stored(owner, task(owner, "root"));
    Task child = stored(owner, under(root, "child"));
    INTERFERENCE.beforeNext(TransactWriteItemsRequest.class, () -> others.update(owner.id(), child.id(),
        TaskChanges.none().set(TaskFields.TITLE, "renamed meanwhile"), Optional.empty(), now()));
    AtomicInteger transactions = INTERFERENCE.count(TransactWriteItemsRequest.class);

    Task moved = tasks.move(owner.id(), root.id(), to(work.id()), TaskChanges.none(), Optional.of(root.version()),
        now()).orElseThrow();

    assertEquals(2, transactions.get(), "the first was cancelled by the edit, the second read it");
    Task read = tasks.find(owner.id(), child.id()).orElseThrow();
    assertEquals("renamed meanwhile", read.title());
    assertEquals(work.id(), read.placement().listId());
    assertEquals(child.version() + 2, read.version());
    assertEquals(work.id(), moved.placement().listId());
  }

  @Test
  void aSubTaskCreatedDuringTheMoveIsTakenAlong() {
    User owner = TaskStoreContract.register(users);
    TaskList work = list(owner);
    Task root = stored(owner, task(owner, "root"));
    Task child = stored(owner, under(root, "child"));
    Task late = under(child, "created meanwhile");
    INTERFERENCE.beforeNext(TransactWriteItemsRequest.class, () -> others.create(late, owner.email()));

    tasks.move(owner.id(), root.id(), to(work.id()), TaskChanges.none(), Optional.empty(), now()).orElseThrow();

    assertEquals(work.id(), tasks.find(owner.id(), late.id()).orElseThrow().placement().listId());
    assertEquals(work.id(), tasks.find(owner.id(), child.id()).orElseThrow().placement().listId());
  }

  @Test
  void theMovedTaskChangedDuringTheMoveUnderIfMatchIsA412WithNothingWritten() {
    User owner = TaskStoreContract.register(users);
    TaskList work = list(owner);
    Task root = stored(owner, task(owner, "root"));
    Task child = stored(owner, under(root, "child"));
    Placement before = tasks.find(owner.id(), root.id()).orElseThrow().placement();
    INTERFERENCE.beforeNext(TransactWriteItemsRequest.class, () -> others.update(owner.id(), root.id(),
        TaskChanges.none().set(TaskFields.TITLE, "renamed meanwhile"), Optional.empty(), now()));

    assertThrows(PreconditionFailedException.class, () -> tasks.move(owner.id(), root.id(), to(work.id()),
        TaskChanges.none(), Optional.of(root.version()), now()));

    assertEquals(child, tasks.find(owner.id(), child.id()).orElseThrow(), "not moved");
    assertEquals(before, tasks.find(owner.id(), root.id()).orElseThrow().placement());
  }

  @Test
  void aReparentingRacingTheReverseOneMakesNoCycle() {
    User owner = TaskStoreContract.register(users);
    Task a = stored(owner, task(owner, "a"));
    Task b = stored(owner, task(owner, "b"));
    // Just before a goes under b, b goes under a: the chain check on b cancels the first, whose next read is a 409.
    INTERFERENCE.beforeNext(TransactWriteItemsRequest.class, () -> others.move(owner.id(), b.id(),
        new Move(Optional.empty(), Optional.of(a.id()), new Move.Anchor.Last()), TaskChanges.none(),
        Optional.empty(), now()));

    assertThrows(dev.taskapi.domain.ConflictException.class, () -> tasks.move(owner.id(), a.id(),
        new Move(Optional.empty(), Optional.of(b.id()), new Move.Anchor.Last()), TaskChanges.none(),
        Optional.empty(), now()));

    assertEquals("", tasks.find(owner.id(), a.id()).orElseThrow().placement().parentId());
    assertEquals(a.id(), tasks.find(owner.id(), b.id()).orElseThrow().placement().parentId());
  }

  @Test
  void aTreeOfFewTasksIsDeletedInOneTransactionAndALeafInOneRoundTrip() {
    User owner = TaskStoreContract.register(users);
    Task root = stored(owner, task(owner, "root"));
    Task child = stored(owner, under(root, "child"));
    stored(owner, under(child, "grandchild"));
    // Written by the store measured, which so knows the account's change-log counter (as in the subtree move's test).
    Task leaf = task(owner, "leaf");
    tasks.create(leaf, owner.email());
    ROUND_TRIPS.set(0);

    assertTrue(tasks.delete(owner.id(), leaf.id()));
    assertEquals(1, ROUND_TRIPS.get());
    ROUND_TRIPS.set(0);
    assertTrue(tasks.delete(owner.id(), root.id()));
    assertEquals(3, ROUND_TRIPS.get(), "the refused DeleteItem, the Query of sub-tasks, one transaction");
    assertEquals(List.of(), partition(owner).keySet().stream().filter(k -> k.startsWith(TaskItem.SORT_PREFIX))
        .toList());
  }

  /**
   * A delete of a tree bigger than one transaction, interrupted at its {@code crashAt}-th write (as when the
   * function dies): what is left is still one tree under the root (no task without its parent), and a retried
   * delete deletes it all.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void aCascadeDeleteInterruptedLeavesNoOrphanAndARetryFinishesIt(int crashAt) {
    User owner = TaskStoreContract.register(users);
    Task root = stored(owner, task(owner, "root"));
    for (int c = 0; c < 10; c++) {
      Task child = stored(owner, under(tasks.find(owner.id(), root.id()).orElseThrow(), "child " + c));
      for (int g = 0; g < 10; g++) {
        stored(owner, under(child, "grandchild " + c + "." + g));
      }
    }
    INTERFERENCE.crashAtWrite(crashAt);

    assertThrows(RuntimeException.class, () -> tasks.delete(owner.id(), root.id()));

    Map<String, Map<String, AttributeValue>> left = tasksOf(owner);
    assertTrue(left.containsKey(root.id()), "the root goes last");
    assertTrue(left.size() < 111 || crashAt == 2, "the first transaction was written: " + left.size());
    for (Map<String, AttributeValue> item : left.values()) {
      AttributeValue parent = item.get(TaskItem.PARENT_ID);
      assertTrue(parent == null || left.containsKey(parent.s()),
          item.get(TaskItem.TASK_ID).s() + " lost its parent " + parent);
    }
    assertTrue(tasks.delete(owner.id(), root.id()), "the retry finishes the job");
    assertEquals(Map.of(), tasksOf(owner));
    assertFalse(tasks.delete(owner.id(), root.id()));
  }

  // ---- helpers

  private TaskList list(User owner) {
    TaskList list = new TaskList(UUID.randomUUID().toString(), owner.id(), "Work", now(), now(), 1);
    lists.create(list, owner.email());
    return list;
  }

  private Task task(User owner, String title) {
    return TestTasks.task(ids.next(System.currentTimeMillis()).toString(), owner.id(), title, "");
  }

  private Task under(Task parent, String title) {
    String id = ids.next(System.currentTimeMillis()).toString();
    return Task.created(id, parent.userId(), Placement.under(parent, id, Optional.empty()),
        TestTasks.values(title, ""));
  }

  private static Task stored(User owner, Task task) {
    assertTrue(others.create(task, owner.email()));
    return task;
  }

  private static Move to(String listId) {
    return new Move(Optional.of(listId), new Move.Anchor.Last());
  }

  private static Map<String, AttributeValue> item(User owner, String taskId) {
    return TestTable.client().getItem(r -> r.tableName(TestTable.NAME).consistentRead(true).key(Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(owner.id())),
        TableKeys.SORT_KEY, AttributeValue.fromS(TaskItem.SORT_PREFIX + taskId)))).item();
  }

  /** The owner's whole partition, by sort key. */
  private static Map<String, Map<String, AttributeValue>> partition(User owner) {
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    TestTable.client().queryPaginator(r -> r.tableName(TestTable.NAME).consistentRead(true)
            .keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(owner.id())))))
        .items().forEach(item -> items.put(item.get(TableKeys.SORT_KEY).s(), item));
    return items;
  }

  /** The owner's task items, by task id. */
  private static Map<String, Map<String, AttributeValue>> tasksOf(User owner) {
    Map<String, Map<String, AttributeValue>> tasks = new HashMap<>();
    partition(owner).forEach((sk, item) -> {
      if (sk.startsWith(TaskItem.SORT_PREFIX)) {
        tasks.put(item.get(TaskItem.TASK_ID).s(), item);
      }
    });
    return tasks;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Runs a concurrent write just before the store's next request of a kind, counts requests of a kind, or fails
   * the store's n-th write as a crash would (the request is never sent).
   */
  private static final class Interference implements ExecutionInterceptor {
    private final AtomicReference<Class<?>> armedKind = new AtomicReference<>();
    private final AtomicReference<Runnable> armed = new AtomicReference<>();
    private final List<Map.Entry<Class<?>, AtomicInteger>> counters = new ArrayList<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int crashAt;

    synchronized void clear() {
      armed.set(null);
      counters.clear();
      writes.set(0);
      crashAt = 0;
    }

    void beforeNext(Class<?> kind, Runnable write) {
      armedKind.set(kind);
      armed.set(write);
    }

    synchronized AtomicInteger count(Class<?> kind) {
      AtomicInteger count = new AtomicInteger();
      counters.add(Map.entry(kind, count));
      return count;
    }

    void crashAtWrite(int n) {
      writes.set(0);
      crashAt = n;
    }

    /** Counts round trips, as {@link RoundTripCounter} does (a client takes one interceptor from TestTable). */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      ROUND_TRIPS.incrementAndGet();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      SdkRequest request = context.request();
      synchronized (this) {
        counters.stream().filter(c -> c.getKey().isInstance(request)).forEach(c -> c.getValue().incrementAndGet());
      }
      boolean write = request instanceof TransactWriteItemsRequest || request instanceof DeleteItemRequest
          || request instanceof UpdateItemRequest || request instanceof PutItemRequest;
      if (write && crashAt > 0 && writes.incrementAndGet() == crashAt) {
        throw new IllegalStateException("simulated crash before write " + crashAt);
      }
      if (armedKind.get() != null && armedKind.get().isInstance(request)) {
        Runnable interfering = armed.getAndSet(null);
        if (interfering != null) {
          armedKind.set(null);
          interfering.run();
        }
      }
    }
  }
}
