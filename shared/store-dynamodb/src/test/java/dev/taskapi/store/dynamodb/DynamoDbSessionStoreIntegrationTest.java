package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.PasswordReset;
import dev.taskapi.domain.Session;
import dev.taskapi.domain.User;
import dev.taskapi.store.PasswordResetStore;
import dev.taskapi.store.SessionStore;
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

/**
 * The refresh-token families, the account's token version and the password-reset tokens against a real DynamoDB
 * API (dynalite, table from template.yaml, production client): the conditional writes that make rotation
 * single-use under concurrency, and the delete that uses a reset token up.
 */
class DynamoDbSessionStoreIntegrationTest {
  private static final String TABLE = TestTable.NAME;

  private static DynamoDbClient client;
  private static SessionStore sessions;
  private static UserStore users;
  private static PasswordResetStore resets;

  @BeforeAll
  static void connect() {
    client = TestTable.newClient();
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
    return session("user-1", hash, now);
  }

  private static Session session(String userId, String hash, Instant now) {
    return new Session(UUID.randomUUID().toString(), userId, "ada@example.com", 3, hash, now, now,
        now.plusSeconds(3600));
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
  void anExpiredFamilyCannotBeRotatedAndOnlyItsOwnerRevokesIt() {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    Session session = session("hash-x", now);
    sessions.create(session);
    assertFalse(sessions.rotate(session, session.rotated("hash-y", now.plusSeconds(3600), now.plusSeconds(9000))));

    assertFalse(sessions.revoke("someone-else", session.familyId()));
    assertTrue(sessions.find(session.userId(), session.familyId()).isPresent());
    assertTrue(sessions.revoke(session.userId(), session.familyId()));
    assertTrue(sessions.find(session.userId(), session.familyId()).isEmpty());
    assertFalse(sessions.revoke(session.userId(), session.familyId()));
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
          return resets.consume(reset.tokenHash());
        }));
      }
      start.countDown();
      List<PasswordReset> got = new ArrayList<>();
      for (Future<java.util.Optional<PasswordReset>> use : uses) {
        use.get().ifPresent(got::add);
      }
      assertEquals(List.of(reset), got);
      assertTrue(resets.consume(reset.tokenHash()).isEmpty(), "used up");
    } finally {
      pool.shutdownNow();
    }
  }
}
