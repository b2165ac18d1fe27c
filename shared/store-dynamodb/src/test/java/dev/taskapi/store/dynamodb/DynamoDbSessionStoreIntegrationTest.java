package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.PasswordReset;
import dev.taskapi.domain.Session;
import dev.taskapi.domain.User;
import dev.taskapi.store.PasswordResetStore;
import dev.taskapi.store.SessionStore;
import dev.taskapi.schema.UserItem;
import dev.taskapi.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The refresh-token families, the account's token version and the password-reset tokens against a real DynamoDB
 * API (dynalite, table from template.yaml, production client): the conditional writes that make rotation
 * single-use under concurrency, and the delete that uses a reset token up.
 */
class DynamoDbSessionStoreIntegrationTest {
  private static final String TABLE = TestTable.NAME;

  private static final LostAnswer LOST_ANSWER = new LostAnswer();

  private static DynamoDbClient client;
  private static SessionStore sessions;
  private static UserStore users;
  private static PasswordResetStore resets;

  @BeforeAll
  static void connect() {
    client = TestTable.newClient(LOST_ANSWER);
    sessions = new DynamoDbSessionStore(client, TABLE);
    users = new DynamoDbUserStore(client, TABLE);
    resets = new DynamoDbPasswordResetStore(client, TABLE);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  private static Session session(String hash, Instant now) {
    return session(UUID.randomUUID().toString(), hash, now);
  }

  /** A session of {@code userId}'s account, registered for it if it is not yet. */
  private static Session session(String userId, String hash, Instant now) {
    String email = userId + "@example.com";
    if (users.findByEmail(email).isEmpty()) {
      users.create(new User(userId, "Ada", email, "$argon2id$x", now));
    }
    return new Session(UUID.randomUUID().toString(), userId, email, 3, hash, now, now, now.plusSeconds(3600));
  }

  private static User account(Session session) {
    return users.findByEmail(session.email()).orElseThrow();
  }

  /** The account item's ended sessions as stored: family id to epoch second. */
  private static Map<String, String> endedSessions(Session session) {
    Map<String, AttributeValue> item = client.getItem(r -> r.tableName(TABLE).consistentRead(true)
        .key(UserSchema.keyMap(session.email()))).item();
    AttributeValue ended = item.get(UserItem.ENDED_SESSIONS);
    Map<String, String> entries = new java.util.TreeMap<>();
    if (ended != null) {
      ended.m().forEach((family, end) -> entries.put(family, end.n()));
    }
    return entries;
  }

  @Test
  void aSessionIsStoredOnlyForAnAccountThatExistsAndIsNotBeingDeleted() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session open = session("h-open", now);
    assertTrue(sessions.create(open));
    assertTrue(sessions.find(open.userId(), open.familyId()).isPresent());

    Session unknown = new Session(UUID.randomUUID().toString(), "no-such-user", "nobody@example.com", 0, "h", now,
        now, now.plusSeconds(60));
    assertFalse(sessions.create(unknown));
    assertTrue(sessions.find(unknown.userId(), unknown.familyId()).isEmpty());

    Session other = session("h-other", now);
    Session impostor = new Session(UUID.randomUUID().toString(), "another-id", other.email(), 0, "h", now, now,
        now.plusSeconds(60));
    assertFalse(sessions.create(impostor), "the email's account has another id");
  }

  /**
   * Finding 5, interleaved deterministically: the deletion marks the account closing and sweeps its sessions; a
   * login whose password check passed before the mark stores its session only now. It must store nothing, so that
   * nothing of the account is left once its item is deleted.
   */
  @Test
  void aLoginLandingAfterTheDeletionsSweepStoresNoSession() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session before = session("h-before", now);
    assertTrue(sessions.create(before));
    User user = account(before);

    assertTrue(users.close(user));
    Session racing = new Session(UUID.randomUUID().toString(), user.id(), user.email(), 3, "h-racing", now, now,
        now.plusSeconds(3600));
    assertFalse(sessions.create(racing), "refused once the account is closing");
    assertTrue(sessions.deleteAll(user.id(), java.time.Duration.ofSeconds(5)));
    Session late = new Session(UUID.randomUUID().toString(), user.id(), user.email(), 3, "h-late", now, now,
        now.plusSeconds(3600));
    assertFalse(sessions.create(late), "refused after the sweep");
    assertTrue(users.delete(user));
    assertFalse(sessions.create(late), "refused once the account is gone");

    var left = client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk").consistentRead(true)
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(dev.taskapi.schema.SessionItem.partitionKey(
            user.id())))));
    assertEquals(0, left.count(), "no session record of the deleted account");
  }

  @Test
  void endingASessionDeletesItsFamilyAndRecordsItOnTheAccountUntilItsAccessTokensExpire() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session phone = session("h-phone", now);
    Session laptop = session(phone.userId(), "h-laptop", now);
    sessions.create(phone);
    sessions.create(laptop);

    assertTrue(sessions.end(phone.email(), phone.userId(), phone.familyId(), now.plusSeconds(900), now));

    assertTrue(sessions.find(phone.userId(), phone.familyId()).isEmpty());
    assertTrue(sessions.find(laptop.userId(), laptop.familyId()).isPresent());
    assertEquals(Map.of(phone.familyId(), Long.toString(now.getEpochSecond() + 900)), endedSessions(phone));
    assertFalse(sessions.end(phone.email(), phone.userId(), phone.familyId(), now.plusSeconds(900), now),
        "nothing left to end");
    assertFalse(sessions.end(laptop.email(), "someone-else", laptop.familyId(), now.plusSeconds(900), now));
    assertTrue(sessions.find(laptop.userId(), laptop.familyId()).isPresent());
  }

  @Test
  void endingASessionPrunesTheEndedSessionsWhoseAccessTokensHaveExpired() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session first = session("h-1", now);
    Session second = session(first.userId(), "h-2", now);
    Session third = session(first.userId(), "h-3", now);
    List.of(first, second, third).forEach(sessions::create);

    sessions.end(first.email(), first.userId(), first.familyId(), now.plusSeconds(900), now);
    sessions.end(second.email(), second.userId(), second.familyId(), now.plusSeconds(1000), now.plusSeconds(100));
    Instant later = now.plusSeconds(950); // the first's access tokens have expired, the second's not yet
    sessions.end(third.email(), third.userId(), third.familyId(), later.plusSeconds(900), later);

    assertEquals(Map.of(second.familyId(), Long.toString(now.getEpochSecond() + 1000),
        third.familyId(), Long.toString(later.getEpochSecond() + 900)), endedSessions(first));
  }

  @Test
  void concurrentEndsOfOneAccountsSessionsAreAllRecorded() throws Exception {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session first = session("h-c0", now);
    List<Session> all = new ArrayList<>(List.of(first));
    for (int i = 1; i < 6; i++) {
      all.add(session(first.userId(), "h-c" + i, now));
    }
    all.forEach(sessions::create);
    ExecutorService pool = Executors.newFixedThreadPool(all.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> ends = new ArrayList<>();
      for (Session s : all) {
        ends.add(pool.submit(() -> {
          start.await();
          return sessions.end(s.email(), s.userId(), s.familyId(), now.plusSeconds(900), now);
        }));
      }
      start.countDown();
      for (Future<Boolean> end : ends) {
        assertTrue(end.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(all.stream().map(Session::familyId).collect(java.util.stream.Collectors.toSet()),
        endedSessions(first).keySet());
  }

  @Test
  void endingASessionOfADeletedAccountDeletesItsFamilyAlone() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session session = session("h-gone", now);
    sessions.create(session);
    assertTrue(users.delete(account(session)));

    assertTrue(sessions.end(session.email(), session.userId(), session.familyId(), now.plusSeconds(900), now));
    assertTrue(sessions.find(session.userId(), session.familyId()).isEmpty());
    assertFalse(users.findByEmail(session.email()).isPresent(), "no account item is written back");
  }

  @Test
  void deletingAnAccountsSessionsDeletesEveryOneOfItsFamiliesAndNoOtherAccounts() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    String owner = UUID.randomUUID().toString();
    List<Session> own = List.of(session(owner, "h1", now), session(owner, "h2", now), session(owner, "h3", now));
    own.forEach(sessions::create);
    Session other = session("h4", now);
    sessions.create(other);

    assertTrue(sessions.deleteAll(owner, java.time.Duration.ofSeconds(5)));

    own.forEach(s -> assertTrue(sessions.find(owner, s.familyId()).isEmpty()));
    assertTrue(sessions.find(other.userId(), other.familyId()).isPresent());
  }

  @Test
  void aFamilyIsStoredReadAndRotatedOnlyFromTheHashItHolds() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session first = session("hash-1", now);
    sessions.create(first);
    assertEquals(first, sessions.find(first.userId(), first.familyId()).orElseThrow());

    Session second = first.rotated("hash-2", now.plusSeconds(60), now.plusSeconds(7200));
    assertTrue(sessions.rotate(first, second));
    assertEquals(second, sessions.find(first.userId(), first.familyId()).orElseThrow());
    assertFalse(sessions.rotate(first, first.rotated("hash-3", now.plusSeconds(61), now.plusSeconds(7200))),
        "the used token's hash no longer matches");
    assertTrue(sessions.rotate(second, second), "a retried rotation that landed finds its own hash");
  }

  @Test
  void anExpiredFamilyCannotBeRotated() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session session = session("hash-x", now);
    sessions.create(session);
    assertFalse(sessions.rotate(session, session.rotated("hash-y", now.plusSeconds(3600), now.plusSeconds(9000))));
  }

  @Test
  void ofConcurrentRotationsFromOneTokenExactlyOneWins() throws Exception {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session session = session("hash-race", now);
    sessions.create(session);
    int racers = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Boolean>> wins = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Session next = session.rotated("hash-racer-" + i, now.plusSeconds(1), now.plusSeconds(3600));
        wins.add(pool.submit(() -> {
          start.await();
          return sessions.rotate(session, next);
        }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> win : wins) {
        won += win.get() ? 1 : 0;
      }
      assertEquals(1, won);
      assertTrue(sessions.find(session.userId(), session.familyId()).orElseThrow().tokenHash().startsWith("hash-racer-"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void revokingTokensRaisesTheVersionOfThatAccountOnly() {
    User ada = new User(UUID.randomUUID().toString(), "Ada", "ada-" + UUID.randomUUID() + "@example.com",
        "$argon2id$x", Instant.now());
    users.create(ada);
    assertTrue(users.revokeTokens(ada.email().toUpperCase(), ada.id()));
    assertEquals(1, users.findByEmail(ada.email()).orElseThrow().tokenVersion());
    assertFalse(users.revokeTokens(ada.email(), "another-id"));
    assertFalse(users.revokeTokens("nobody-" + UUID.randomUUID() + "@example.com", ada.id()));
    assertEquals(1, users.findByEmail(ada.email()).orElseThrow().tokenVersion());
  }

  @Test
  void deletingAnAccountsResetTokensDeletesEachPendingOneAndNoOtherAccounts() {
    Instant expires = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 1800);
    String owner = UUID.randomUUID().toString();
    List<PasswordReset> own = List.of(new PasswordReset("r1-" + owner, owner, "ada@example.com", 0, expires),
        new PasswordReset("r2-" + owner, owner, "ada@example.com", 0, expires));
    own.forEach(resets::create);
    PasswordReset other = new PasswordReset("r3-" + owner, "another-user", "bob@example.com", 0, expires);
    resets.create(other);
    assertTrue(resets.consume("another-user", own.getFirst().tokenHash()).isEmpty(), "a token names its account");

    assertTrue(resets.deleteAll(owner, java.time.Duration.ofSeconds(5)));

    own.forEach(r -> assertTrue(resets.consume(owner, r.tokenHash()).isEmpty()));
    assertEquals(java.util.Optional.of(other), resets.consume("another-user", other.tokenHash()));
  }

  @Test
  void ofConcurrentUsesOfOneResetTokenExactlyOneGetsWhatItHeld() throws Exception {
    PasswordReset reset = new PasswordReset("reset-" + UUID.randomUUID(), "user-1", "ada@example.com", 2,
        Instant.ofEpochSecond(Instant.now().getEpochSecond() + 1800));
    resets.create(reset);
    int racers = 12;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<java.util.Optional<PasswordReset>>> uses = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        uses.add(pool.submit(() -> {
          start.await();
          return resets.consume(reset.userId(), reset.tokenHash());
        }));
      }
      start.countDown();
      List<PasswordReset> got = new ArrayList<>();
      for (Future<java.util.Optional<PasswordReset>> use : uses) {
        use.get().ifPresent(got::add);
      }
      assertEquals(List.of(reset), got);
      assertTrue(resets.consume(reset.userId(), reset.tokenHash()).isEmpty(), "used up");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aResetTokensUseWhoseAnswerWasLostAndResentStillGetsWhatItHeldOnce() {
    PasswordReset reset = new PasswordReset("lost-" + UUID.randomUUID(), "user-1", "ada@example.com", 2,
        Instant.ofEpochSecond(Instant.now().getEpochSecond() + 1800));
    resets.create(reset);
    LOST_ANSWER.armForNextRequest();

    assertEquals(java.util.Optional.of(reset), resets.consume(reset.userId(), reset.tokenHash()));

    assertTrue(LOST_ANSWER.lost(), "the first answer was lost and the use resent");
    assertTrue(resets.consume(reset.userId(), reset.tokenHash()).isEmpty(), "used up");
  }

  @Test
  void aPasswordChangeWhoseAnswerWasLostAndResentIsStillTheCallersChange() {
    User ada = new User(UUID.randomUUID().toString(), "Ada", "ada-" + UUID.randomUUID() + "@example.com",
        "$argon2id$x", Instant.now());
    users.create(ada);
    LOST_ANSWER.armForNextRequest();

    User changed = users.changePassword(ada, "$argon2id$new").orElseThrow();

    assertTrue(LOST_ANSWER.lost(), "the first answer was lost and the change resent");
    assertEquals(1, changed.tokenVersion(), "applied once");
    assertEquals(java.util.Optional.of(changed), users.findByEmail(ada.email()));
    assertTrue(users.changePassword(ada, "$argon2id$other").isEmpty(), "another change from the same read");
  }
}
