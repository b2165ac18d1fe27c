package dev.taskapi.testing;

import dev.taskapi.domain.IdempotentAnswer;
import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.store.IdempotencyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyStore} in a map, with the DynamoDB store's contract ({@link IdempotencyStoreContract}): expired
 * records count as absent, and a record expires on a whole second, as DynamoDB's {@code expires_at} (epoch
 * seconds) does. Task creates and kept answers share one key space, as they share the table's sort keys.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final Map<String, IdempotentRequest> records = new HashMap<>();
  private final Map<String, IdempotentAnswer> answers = new HashMap<>();

  @Override
  public synchronized Optional<IdempotentRequest> claim(IdempotentRequest pending, Instant now) {
    Optional<IdempotentAnswer> answer = findAnswer(pending.userId(), pending.key(), now);
    if (answer.isPresent()) {
      IdempotentAnswer a = answer.get();
      return Optional.of(IdempotentRequest.ofBatch(
          a.userId(), a.key(), a.requestHash(), a.answer().isPresent(), a.expiresAt()));
    }
    Optional<IdempotentRequest> holder = find(pending.userId(), pending.key(), now);
    if (holder.isEmpty()) {
      put(pending);
    }
    return holder;
  }

  /** The unexpired record under the user's key, for tests to look at. */
  public synchronized Optional<IdempotentRequest> find(String userId, String key, Instant now) {
    return Optional.ofNullable(records.get(id(userId, key))).filter(r -> r.expiresAt().isAfter(now));
  }

  private Optional<IdempotentAnswer> findAnswer(String userId, String key, Instant now) {
    return Optional.ofNullable(answers.get(id(userId, key))).filter(r -> r.expiresAt().isAfter(now));
  }

  @Override
  public synchronized void complete(String userId, String key) {
    records.computeIfPresent(
        id(userId, key),
        (k, r) ->
            new IdempotentRequest(
                r.userId(), r.key(), r.requestHash(), r.taskId(), r.taskCreatedAt(), true, r.expiresAt()));
  }

  @Override
  public synchronized Optional<IdempotentAnswer> claimAnswer(IdempotentAnswer pending, Instant now) {
    Optional<IdempotentRequest> record = find(pending.userId(), pending.key(), now);
    if (record.isPresent()) {
      IdempotentRequest r = record.get();
      return Optional.of(IdempotentAnswer.pending(r.userId(), r.key(), r.requestHash(), r.expiresAt()));
    }
    Optional<IdempotentAnswer> holder = findAnswer(pending.userId(), pending.key(), now);
    if (holder.isEmpty()) {
      records.remove(id(pending.userId(), pending.key())); // an expired create's record: the key is free again
      answers.put(id(pending.userId(), pending.key()), toTheSecond(pending, pending.expiresAt()));
    }
    return holder;
  }

  @Override
  public synchronized void completeAnswer(String userId, String key, byte[] answer, Instant expiresAt) {
    answers.computeIfPresent(
        id(userId, key),
        (k, r) -> toTheSecond(
            new IdempotentAnswer(r.userId(), r.key(), r.requestHash(), Optional.of(answer.clone()), expiresAt),
            expiresAt));
  }

  private static IdempotentAnswer toTheSecond(IdempotentAnswer a, Instant expiresAt) {
    return new IdempotentAnswer(a.userId(), a.key(), a.requestHash(), a.answer(),
        expiresAt.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Puts a record as a crashed request would have left it. */
  public synchronized void put(IdempotentRequest record) {
    answers.remove(id(record.userId(), record.key()));
    records.put(
        id(record.userId(), record.key()),
        new IdempotentRequest(record.userId(), record.key(), record.requestHash(), record.taskId(),
            record.taskCreatedAt(), record.completed(),
            record.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
  }

  private static String id(String userId, String key) {
    return userId + "\0" + key;
  }
}
