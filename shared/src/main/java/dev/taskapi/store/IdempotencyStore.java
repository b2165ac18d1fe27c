package dev.taskapi.store;

import dev.taskapi.domain.IdempotentRequest;
import java.time.Instant;
import java.util.Optional;

/** Idempotency-Key records, one per user and key, each valid until its {@code expiresAt}. */
public interface IdempotencyStore {
  /**
   * Stores {@code pending} in one conditional write unless an unexpired record holds its key already.
   *
   * @return true when this call took the key
   */
  boolean claim(IdempotentRequest pending, Instant now);

  /** The unexpired record under the user's key, read strongly consistently; expired ones count as absent. */
  Optional<IdempotentRequest> find(String userId, String key, Instant now);

  /** Marks the record's task as stored, so retries answer without writing. */
  void complete(String userId, String key);
}
