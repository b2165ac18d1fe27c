package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.IdempotentAnswer;
import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.store.IdempotencyStore;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} does, the in-memory fake and the DynamoDB store alike: a claim takes a free
 * key or returns the record holding it, per user; a record holds its key until it expires (kept to the second, as
 * DynamoDB keeps {@code expires_at}); completing marks it and never brings back a record that is not there. Each
 * test works on users of its own.
 */
public abstract class IdempotencyStoreContract {
  private static final String KEY = "key/1:ü?";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.500Z");
  private static final Instant EXPIRY = NOW.plusSeconds(60);

  private final IdempotencyStore records;

  /** The store under test, the same for the whole of one test. */
  protected IdempotencyStoreContract(IdempotencyStore records) {
    this.records = records;
  }

  @Test
  void aClaimTakesAFreeKeyAndARefusedOneReturnsTheRecordHoldingIt() {
    String user = user();
    IdempotentRequest pending = pending(user, "hash", EXPIRY);

    assertEquals(Optional.empty(), records.claim(pending, NOW));
    assertEquals(Optional.of(toTheSecond(pending)), records.claim(pending(user, "other", EXPIRY), NOW));
  }

  @Test
  void completingMarksTheRecordAndItStillHoldsItsKey() {
    String user = user();
    IdempotentRequest pending = pending(user, "hash", EXPIRY);
    records.claim(pending, NOW);

    records.complete(user, KEY);

    IdempotentRequest holder = records.claim(pending(user, "other", EXPIRY), NOW.plusSeconds(1)).orElseThrow();
    assertTrue(holder.completed());
    assertEquals(toTheSecond(pending).taskId(), holder.taskId());
    assertEquals("hash", holder.requestHash());
  }

  @Test
  void keysArePerUser() {
    IdempotentRequest mine = pending(user(), "hash", EXPIRY);
    records.claim(mine, NOW);

    assertEquals(Optional.empty(), records.claim(pending(user(), "hash", EXPIRY), NOW));
  }

  @Test
  void aRecordHoldsItsKeyUntilItsExpirySecond() {
    String user = user();
    records.claim(pending(user, "hash", EXPIRY), NOW);
    Instant expirySecond = Instant.ofEpochSecond(EXPIRY.getEpochSecond());
    IdempotentRequest renewed = pending(user, "new", EXPIRY.plusSeconds(60));

    assertTrue(records.claim(renewed, expirySecond.minusMillis(1)).isPresent(), "still held");
    assertEquals(Optional.empty(), records.claim(renewed, expirySecond), "expired: the key is free again");
    assertEquals(Optional.of(toTheSecond(renewed)), records.claim(pending(user, "hash", EXPIRY), expirySecond));
  }

  @Test
  void completingAKeyNoOneHoldsLeavesItFree() {
    String user = user();

    records.complete(user, KEY);

    assertEquals(Optional.empty(), records.claim(pending(user, "hash", EXPIRY), NOW));
  }

  @Test
  void aCompletedAnswerIsKeptUntilItsNewExpiryAndReturnedToTheNextClaim() {
    String user = user();
    byte[] answer = {0, 1, 2, (byte) 0xff};
    assertEquals(Optional.empty(), records.claimAnswer(IdempotentAnswer.pending(user, KEY, "batch", EXPIRY), NOW));
    assertTrue(
        records.claimAnswer(IdempotentAnswer.pending(user, KEY, "batch", EXPIRY), NOW).orElseThrow().answer().isEmpty(),
        "pending: no answer yet");

    Instant kept = EXPIRY.plusSeconds(3600);
    records.completeAnswer(user, KEY, answer, kept);

    IdempotentAnswer holder =
        records.claimAnswer(IdempotentAnswer.pending(user, KEY, "other", EXPIRY), EXPIRY.plusSeconds(1)).orElseThrow();
    assertEquals("batch", holder.requestHash());
    assertArrayEquals(answer, holder.answer().orElseThrow());
    assertEquals(Instant.ofEpochSecond(kept.getEpochSecond()), holder.expiresAt());
  }

  @Test
  void createsAndAnswersShareOneKeySpace() {
    String user = user();
    records.claim(pending(user, "create", EXPIRY), NOW);
    IdempotentAnswer heldByCreate =
        records.claimAnswer(IdempotentAnswer.pending(user, KEY, "batch", EXPIRY), NOW).orElseThrow();
    assertEquals("create", heldByCreate.requestHash());
    assertTrue(heldByCreate.answer().isEmpty());

    String other = user();
    records.claimAnswer(IdempotentAnswer.pending(other, KEY, "batch", EXPIRY), NOW);
    IdempotentRequest heldByBatch = records.claim(pending(other, "create", EXPIRY), NOW).orElseThrow();
    assertEquals("batch", heldByBatch.requestHash());
    assertFalse(heldByBatch.completed());
  }

  @Test
  void completingAnAnswerNoOneHoldsLeavesTheKeyFree() {
    String user = user();

    records.completeAnswer(user, KEY, new byte[] {1}, EXPIRY);

    assertEquals(Optional.empty(), records.claimAnswer(IdempotentAnswer.pending(user, KEY, "batch", EXPIRY), NOW));
  }

  private static IdempotentRequest pending(String user, String hash, Instant expiresAt) {
    return new IdempotentRequest(user, KEY, hash, UUID.randomUUID().toString(), NOW, false, expiresAt);
  }

  private static IdempotentRequest toTheSecond(IdempotentRequest r) {
    return new IdempotentRequest(r.userId(), r.key(), r.requestHash(), r.taskId(), r.taskCreatedAt(), r.completed(),
        Instant.ofEpochSecond(r.expiresAt().getEpochSecond()));
  }

  private static String user() {
    return "user-" + UUID.randomUUID();
  }
}
