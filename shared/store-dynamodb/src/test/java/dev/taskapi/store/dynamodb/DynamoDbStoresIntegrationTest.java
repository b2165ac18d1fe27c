package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.Task;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskPage;
import dev.taskapi.domain.User;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.LoginStore;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.UserStore;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB data layer against a real DynamoDB API (dynalite), with the table created from template.yaml and
 * the production client configuration ({@link TestTable}). An SDK interceptor counts HTTP round trips: every store
 * call is one. What the in-memory fakes must do alike is in the store contracts ({@code DynamoDb*ContractTest});
 * this holds what only DynamoDB can show: round trips, concurrency, the 1 MB page, legacy items, an unreachable
 * endpoint.
 */
class DynamoDbStoresIntegrationTest {
  private static final String TABLE = TestTable.NAME;
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

  private static DynamoDbClient client;
  private static UserStore users;
  private static TaskStore tasks;
  private static LoginStore logins;

  private final TaskIds ids = new TaskIds();

  @BeforeAll
  static void connect() {
    client = TestTable.newClient(new RoundTripCounter(ROUND_TRIPS));
    users = new DynamoDbUserStore(client, TABLE);
    tasks = new DynamoDbTaskStore(client, TABLE);
    logins = new DynamoDbLoginStore(client, TABLE);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @BeforeEach
  void resetCounter() {
    ROUND_TRIPS.set(0);
  }

  @Test
  void aUserIsFoundByEmailInAnyLetterCase() {
    User ada = user("Ada.Lovelace@Example.com");
    users.create(ada);

    assertEquals(Optional.of(ada), users.findByEmail("ada.lovelace@example.com"));
    assertEquals(Optional.of(ada), users.findByEmail("ADA.LOVELACE@EXAMPLE.COM"));
    assertEquals(Optional.empty(), users.findByEmail("someone@example.com"));
    assertEquals(4, ROUND_TRIPS.get(), "one write and one read per call");
  }

  @Test
  void ofConcurrentReservationsExactlyTheLimitSucceedAndTheRestLearnTheWindowEnd() throws Exception {
    String email = "Race-" + UUID.randomUUID() + "@Example.com";
    Instant now = Instant.now();
    Instant end = now.plusSeconds(900);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Optional<Instant>>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String variant = i % 2 == 0 ? email : email.toLowerCase();
        answers.add(pool.submit(() -> logins.reserve(variant, now, 10, end)));
      }
      int reserved = 0;
      for (Future<Optional<Instant>> answer : answers) {
        Optional<Instant> fullUntil = answer.get();
        if (fullUntil.isEmpty()) {
          reserved++;
        } else {
          assertEquals(Instant.ofEpochSecond(end.getEpochSecond()), fullUntil.get(), "the window opened first");
        }
      }
      assertEquals(10, reserved, "one window, opened once, holds exactly the limit");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExpiredWindowIsReplacedAndClearingEndsIt() {
    String email = "nobody-" + UUID.randomUUID() + "@example.com";
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Instant end = start.plusSeconds(900);
    ROUND_TRIPS.set(0);
    assertEquals(Optional.empty(), logins.reserve(email, start, 3, end));
    assertEquals(1, ROUND_TRIPS.get(), "opening a window is one write");
    for (int i = 1; i < 3; i++) {
      assertEquals(Optional.empty(), logins.reserve(email, start.plusSeconds(i), 3, start.plusSeconds(i + 900)));
    }
    assertEquals(Optional.of(end), logins.reserve(email, start.plusSeconds(3), 3, start.plusSeconds(903)));

    assertEquals(Optional.empty(), logins.reserve(email, end, 3, end.plusSeconds(900)), "expired: a new window");
    assertEquals(Optional.empty(), logins.reserve(email, end.plusSeconds(1), 3, end.plusSeconds(901)));
    assertEquals(Optional.empty(), logins.reserve(email, end.plusSeconds(2), 3, end.plusSeconds(902)));
    assertEquals(Optional.of(end.plusSeconds(900)), logins.reserve(email, end.plusSeconds(3), 3, end.plusSeconds(903)));

    logins.clear(email);
    assertEquals(Optional.empty(), logins.reserve(email, end.plusSeconds(4), 3, end.plusSeconds(904)));
  }

  @Test
  void aSecondUserWithTheSameEmailIsRefusedInOneRoundTripAndTheFirstKept() {
    User first = user("twin@example.com");
    users.create(first);
    ROUND_TRIPS.set(0);

    assertThrows(ConflictException.class, () -> users.create(user("TWIN@example.com")));
    assertEquals(1, ROUND_TRIPS.get(), "the refused put names the account holding the email: no read");
    assertEquals(first.id(), users.findByEmail("twin@example.com").orElseThrow().id());
  }

  @Test
  void aRegistrationThatAlreadyLandedIsNotAConflictWithItself() {
    User ada = user("landed@example.com");
    users.create(ada);
    ROUND_TRIPS.set(0);

    users.create(ada); // what the SDK's retry of a put whose answer was lost does
    assertEquals(1, ROUND_TRIPS.get());
    assertEquals(Optional.of(ada), users.findByEmail("landed@example.com"));
  }

  @Test
  void tasksListNewestFirstAcrossPagesWithAnExactLastPage() {
    String owner = UUID.randomUUID().toString();
    List<Task> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(task(owner, "task " + i));
      store(created.getLast());
    }
    ROUND_TRIPS.set(0);

    TaskPage first = tasks.list(owner, Optional.empty(), 3, Optional.empty());
    TaskPage second = tasks.list(owner, Optional.empty(), 3, first.lastTaskId());
    TaskPage third = tasks.list(owner, Optional.empty(), 3, second.lastTaskId());

    assertEquals(List.of(created.get(6), created.get(5), created.get(4)), first.tasks());
    assertEquals(List.of(created.get(3), created.get(2), created.get(1)), second.tasks());
    assertEquals(List.of(created.get(0)), third.tasks());
    assertEquals(Optional.empty(), third.lastTaskId());
    assertEquals(3, ROUND_TRIPS.get(), "one Query per page");
    TaskPage exact = tasks.list(owner, Optional.empty(), 7, Optional.empty());
    assertEquals(7, exact.tasks().size());
    assertEquals(Optional.empty(), exact.lastTaskId(), "a page that ends exactly at the end has no cursor");
  }

  @Test
  void aPageCutAtDynamoDbsOneMegabyteLimitStillPointsToTheRest() {
    String owner = UUID.randomUUID().toString();
    String description = "d".repeat(10_000);
    for (int i = 0; i < 120; i++) {
      store(TestTasks.task(ids.next(System.currentTimeMillis()).toString(), owner, "big " + i, description));
    }

    TaskPage first = tasks.list(owner, Optional.empty(), 1000, Optional.empty());
    TaskPage rest = tasks.list(owner, Optional.empty(), 1000, first.lastTaskId());

    assertTrue(first.tasks().size() < 120, "DynamoDB stops a Query page at 1 MB");
    assertTrue(first.lastTaskId().isPresent());
    assertEquals(120, first.tasks().size() + rest.tasks().size());
    assertEquals(Optional.empty(), rest.lastTaskId());
  }

  @Test
  void tasksAreIsolatedByOwner() {
    String ada = UUID.randomUUID().toString();
    String eve = UUID.randomUUID().toString();
    Task secret = task(ada, "ada's");
    store(secret);

    assertEquals(List.of(), tasks.list(eve, Optional.empty(), 100, Optional.empty()).tasks());
    assertFalse(tasks.delete(eve, secret.id()), "another owner's delete finds nothing");
    assertEquals(List.of(secret), tasks.list(ada, Optional.empty(), 100, Optional.empty()).tasks());
  }

  @Test
  void deleteIsConditionalAndSucceedsOnce() {
    String owner = UUID.randomUUID().toString();
    Task doomed = task(owner, "doomed");
    store(doomed);
    ROUND_TRIPS.set(0);

    assertTrue(tasks.delete(owner, doomed.id()));
    assertFalse(tasks.delete(owner, doomed.id()));
    assertFalse(tasks.delete(owner, UUID.randomUUID().toString()));
    assertEquals(3, ROUND_TRIPS.get());
  }

  @Test
  void storedTextComesBackExactly() {
    String owner = UUID.randomUUID().toString();
    Task unicode = TestTasks.task(ids.next(System.currentTimeMillis()).toString(), owner, "𝄞 🚀 é\u0301 \u0000", "");
    store(unicode);
    assertEquals(unicode, tasks.list(owner, Optional.empty(), 1, Optional.empty()).tasks().getFirst());
  }

  @Test
  void anUpdateIsAReadAndOneTransactionChangingOnlyWhatWasSent() {
    Task original = task("owner-" + UUID.randomUUID(), "before");
    store(original);
    Instant later = now().plusSeconds(1);
    ROUND_TRIPS.set(0);

    Task updated =
        tasks.update(original.userId(), original.id(), TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.of(1L), later)
            .orElseThrow();

    // The strongly consistent GetItem the edit applies to, then one TransactWriteItems with its change-log entry.
    assertEquals(2, ROUND_TRIPS.get());
    assertEquals(original.apply(TaskChanges.none().set(TaskFields.COMPLETED, true), later), updated);
    assertEquals(Optional.of(updated), tasks.find(original.userId(), original.id()));
  }

  @Test
  void aStaleVersionIsRefusedAndAnAbsentTaskIsEmpty() {
    Task original = task("owner-" + UUID.randomUUID(), "before");
    store(original);
    TaskChanges rename = TaskChanges.none().set(TaskFields.TITLE, "after");
    tasks.update(original.userId(), original.id(), rename, Optional.of(1L), now());

    assertThrows(
        PreconditionFailedException.class,
        () -> tasks.update(original.userId(), original.id(), TaskChanges.none().set(TaskFields.TITLE, "lost"), Optional.of(1L), now()));
    assertEquals("after", tasks.find(original.userId(), original.id()).orElseThrow().title());
    ROUND_TRIPS.set(0);
    assertThrows(
        PreconditionFailedException.class,
        () -> tasks.update(original.userId(), original.id(), rename, Optional.of(1L), now()));
    assertEquals(Optional.empty(), tasks.update("someone-else", original.id(), rename, Optional.of(1L), now()));
    assertEquals(Optional.empty(), tasks.update("someone-else", original.id(), rename, Optional.empty(), now()));
    assertEquals(3, ROUND_TRIPS.get(), "a refused update tells 404 from 412 by the item it returns, not by a read");
    assertEquals(Optional.empty(), tasks.find("someone-else", original.id()));
  }

  @Test
  void ofConcurrentUpdatesFromOneVersionExactlyOneWins() throws Exception {
    Task original = task("owner-" + UUID.randomUUID(), "before");
    store(original);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        TaskChanges changes = TaskChanges.none().set(TaskFields.TITLE, "writer " + i);
        attempts.add(pool.submit(() -> {
          try {
            return tasks.update(original.userId(), original.id(), changes, Optional.of(1L), now()).isPresent();
          } catch (PreconditionFailedException e) {
            return false;
          }
        }));
      }
      int winners = 0;
      for (Future<Boolean> attempt : attempts) {
        winners += attempt.get() ? 1 : 0;
      }
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, tasks.find(original.userId(), original.id()).orElseThrow().version());
  }

  @Test
  void aTaskStoredBeforeVersionsReadsAsVersionZeroNotCompletedAndAnyEditIndexesIt() {
    String owner = "owner-" + UUID.randomUUID();
    String id = ids.next(System.currentTimeMillis()).toString();
    Instant created = now();
    client.putItem(r -> r.tableName(TABLE).item(Map.of(
        "pk", AttributeValue.fromS("USER#" + owner),
        "sk", AttributeValue.fromS("TASK#" + id),
        "task_id", AttributeValue.fromS(id),
        "user_id", AttributeValue.fromS(owner),
        "title", AttributeValue.fromS("old"),
        "description", AttributeValue.fromS(""),
        "created_at", AttributeValue.fromS(created.toString()))));

    Task legacy = tasks.find(owner, id).orElseThrow();
    assertEquals(new Task(id, owner, created, created, 0, Placement.loaded(owner, id, null, null), TestTasks.values("old", "").with(TaskFields.COMPLETED, false)), legacy);
    assertThrows(
        PreconditionFailedException.class,
        () -> tasks.update(owner, id, TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.of(1L), now()));
    assertEquals(List.of(), tasks.list(owner, Optional.of(false), 10, Optional.empty()).tasks(), "not indexed yet");

    Task renamed = tasks.update(owner, id, TaskChanges.none().set(TaskFields.TITLE, "new"), Optional.of(0L), now()).orElseThrow();

    assertEquals(1, renamed.version());
    assertEquals(List.of(renamed), tasks.list(owner, Optional.of(false), 10, Optional.empty()).tasks(), "indexed as open");
  }

  @Test
  void theCompletedFilterPagesThroughOneStateWithOneQueryPerPage() {
    String owner = "owner-" + UUID.randomUUID();
    List<String> done = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Task task = task(owner, "task " + i);
      store(task);
      if (i % 2 == 0) {
        tasks.update(owner, task.id(), TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(), now());
        done.add(0, task.id()); // newest first
      }
    }
    ROUND_TRIPS.set(0);

    TaskPage first = tasks.list(owner, Optional.of(true), 3, Optional.empty());
    TaskPage second = tasks.list(owner, Optional.of(true), 3, first.lastTaskId());
    TaskPage open = tasks.list(owner, Optional.of(false), 10, Optional.empty());

    assertEquals(3, ROUND_TRIPS.get(), "one Query per page");
    assertEquals(done.subList(0, 3), first.tasks().stream().map(Task::id).toList());
    assertEquals(done.subList(3, 4), second.tasks().stream().map(Task::id).toList());
    assertEquals(Optional.empty(), second.lastTaskId(), "no cursor to an empty page");
    assertEquals(3, open.tasks().size());
    assertTrue(open.tasks().stream().noneMatch(Task::completed));
    assertTrue(first.tasks().stream().allMatch(Task::completed));
  }

  @Test
  void anIdempotencyRecordHoldsItsKeyUntilItExpiresAndARefusedClaimReturnsItWithoutARead() {
    IdempotencyStore records = new DynamoDbIdempotencyStore(client, TABLE);
    Task task = task("owner-" + UUID.randomUUID(), "once");
    Instant expiry = now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    IdempotentRequest pending = new IdempotentRequest(task.userId(), "key/1:ü?", "hash", task.id(), false, expiry);
    IdempotentRequest other =
        new IdempotentRequest(task.userId(), "key/1:ü?", "other", task(task.userId(), "y").id(), false, expiry);
    ROUND_TRIPS.set(0);

    assertEquals(Optional.empty(), records.claim(pending, now()));
    assertEquals(Optional.of(pending), records.claim(other, now()), "the holder, from the refusal itself");
    records.complete(task.userId(), "key/1:ü?");
    assertTrue(records.claim(other, now()).orElseThrow().completed());
    assertEquals(4, ROUND_TRIPS.get(), "one request per call");

    Task elsewhere = task("someone-else-" + UUID.randomUUID(), "y");
    assertEquals(Optional.empty(),
        records.claim(new IdempotentRequest(elsewhere.userId(), "key/1:ü?", "hash", elsewhere.id(), false, expiry),
            now()), "per user");
    IdempotentRequest renewed =
        new IdempotentRequest(task.userId(), "key/1:ü?", "new", task.id(), false, expiry.plusSeconds(60));
    assertEquals(Optional.empty(), records.claim(renewed, expiry), "an expired record no longer holds its key");
    assertEquals(Optional.of(renewed), records.claim(pending, expiry));
  }

  @Test
  void deleteAllRemovesEveryTaskOfTheUserInBatchesAndNoOneElses() {
    String owner = "owner-" + UUID.randomUUID();
    String other = "other-" + UUID.randomUUID();
    for (int i = 0; i < 60; i++) {
      store(task(owner, "task " + i));
    }
    Task kept = task(other, "kept");
    store(kept);

    assertTrue(tasks.deleteAll(owner, java.time.Duration.ofSeconds(30)));

    assertEquals(List.of(), tasks.list(owner, Optional.empty(), 100, Optional.empty()).tasks());
    assertEquals(List.of(kept), tasks.list(other, Optional.empty(), 100, Optional.empty()).tasks());
    assertTrue(tasks.deleteAll(owner, java.time.Duration.ofSeconds(30)), "nothing left is done at once");
  }

  @Test
  void aUserIsDeletedOnlyUnderTheirOwnId() {
    User ada = user("delete-me-" + UUID.randomUUID() + "@example.com");
    users.create(ada);
    User impostor = new User("someone-else", ada.username(), ada.email(), ada.passwordHash(), ada.createdAt());

    assertFalse(users.delete(impostor));
    assertTrue(users.delete(ada));
    assertEquals(Optional.empty(), users.findByEmail(ada.email()));
    assertFalse(users.delete(ada));
  }

  @Test
  void aPasswordChangeBumpsTheTokenVersionAndOfTwoFromOneReadOnlyOneWins() {
    User ada = user("change-" + UUID.randomUUID() + "@example.com");
    users.create(ada);

    User changed = users.changePassword(ada, "$argon2id$new").orElseThrow();

    assertEquals(1, changed.tokenVersion());
    assertEquals("$argon2id$new", changed.passwordHash());
    assertEquals(Optional.of(changed), users.findByEmail(ada.email()));
    assertEquals(Optional.empty(), users.changePassword(ada, "$argon2id$lost"), "read before the first change");
    assertEquals(2, users.changePassword(changed, "$argon2id$newer").orElseThrow().tokenVersion());
  }

  @Test
  void anUnreachableTableIsServiceUnavailable() {
    try (DynamoDbClient dead = DynamoDbClients.create(TestTable.environment("http://127.0.0.1:9"))) {
      TaskStore unreachable = new DynamoDbTaskStore(dead, TABLE);
      assertThrows(ServiceUnavailableException.class, () -> unreachable.list("x", Optional.empty(), 1, Optional.empty()));
      assertThrows(
          ServiceUnavailableException.class, () -> new DynamoDbUserStore(dead, TABLE).findByEmail("a@b.c"));
    }
  }

  private Task task(String owner, String title) {
    return TestTasks.task(ids.next(System.currentTimeMillis()).toString(), owner, title, "description of " + title);
  }

  @Test
  void aTaskIsStoredOnlyForALiveAccountInOneTransaction() {
    Task task = task("owner-" + UUID.randomUUID(), "conditional");
    String email = task.userId() + "@example.com";
    assertThrows(NotFoundException.class, () -> tasks.create(task, email), "no account");
    assertTrue(store(task), "the account exists: stored");
    assertFalse(tasks.create(task, email), "a retry of the same task: already stored, not overwritten");

    User owner = users.findByEmail(email).orElseThrow();
    assertTrue(users.close(owner));
    Task late = task(task.userId(), "after the deletion began");
    assertThrows(NotFoundException.class, () -> tasks.create(late, email), "closing: refused");
    assertEquals(Optional.empty(), tasks.find(task.userId(), late.id()), "and nothing written");
    User impostor = new User("someone-else", "x", email, owner.passwordHash(), now());
    assertThrows(NotFoundException.class, () -> tasks.create(task(impostor.id(), "t"), email), "another user id");
  }

  @Test
  void aCreatedTaskIsInTheByPositionIndexAtTheEndOfItsOwnersDefaultList() {
    String owner = "owner-" + UUID.randomUUID();
    Task first = task(owner, "first");
    Task second = task(owner, "second");
    assertTrue(store(second));
    assertTrue(store(first));

    List<Map<String, AttributeValue>> indexed =
        client.query(r -> r.tableName(TABLE).indexName(TaskItem.BY_POSITION)
                .keyConditionExpression("pk = :pk AND begins_with(position_sk, :list)")
                .expressionAttributeValues(Map.of(
                    ":pk", AttributeValue.fromS(TaskItem.partitionKey(owner)),
                    ":list", AttributeValue.fromS(TaskItem.positionPrefix(TaskLists.defaultListId(owner), "")))))
            .items();
    assertEquals(List.of(first.id(), second.id()), indexed.stream().map(i -> i.get(TaskItem.TASK_ID).s()).toList(),
        "top-level tasks of the Inbox, in creation order whatever the order of the writes");
  }

  /** Stores the task as the API does, for its owner's account, registered here on its first task. */
  private static boolean store(Task task) {
    String email = task.userId() + "@example.com";
    if (users.findByEmail(email).isEmpty()) {
      users.create(new User(task.userId(), "owner", email, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", now()));
    }
    return tasks.create(task, email);
  }

  private static User user(String email) {
    return new User(UUID.randomUUID().toString(), "name", email, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", now());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
