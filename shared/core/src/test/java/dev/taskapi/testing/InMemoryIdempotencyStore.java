package dev.taskapi.testing;

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
 * seconds) does.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final Map<String, IdempotentRequest> records = new HashMap<>();

  @Override
  public synchronized Optional<IdempotentRequest> claim(IdempotentRequest pending, Instant now) {
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

  @Override
  public synchronized void complete(String userId, String key) {
    records.computeIfPresent(
        id(userId, key),
        (k, r) ->
            new IdempotentRequest(
                r.userId(), r.key(), r.requestHash(), r.taskId(), r.taskCreatedAt(), true, r.expiresAt()));
  }

  /** Puts a record as a crashed request would have left it. */
  public synchronized void put(IdempotentRequest record) {
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
