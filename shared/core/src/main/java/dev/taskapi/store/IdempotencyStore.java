package dev.taskapi.store;

import dev.taskapi.domain.IdempotentRequest;
import java.time.Instant;
import java.util.Optional;

/** Idempotency-Key records, one per user and key, each valid until its {@code expiresAt}. */
public interface IdempotencyStore {
  /**
   * Stores {@code pending} in one conditional write unless an unexpired record holds its key already.
   *
   * @return empty when this call took the key; else the unexpired record holding it, as the refused write found it
   */
  Optional<IdempotentRequest> claim(IdempotentRequest pending, Instant now);

  /** Marks the record's task as stored, so retries answer without writing. */
  void complete(String userId, String key);
}
