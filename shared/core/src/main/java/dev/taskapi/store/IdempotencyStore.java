package dev.taskapi.store;

import dev.taskapi.domain.IdempotentAnswer;
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

  /**
   * As {@link #claim}, for a request whose whole answer is kept ({@code POST /batch}), in the same key space: a
   * key held by a task create is returned with that create's fingerprint and no answer.
   *
   * @return empty when this call took the key; else the unexpired record holding it
   */
  Optional<IdempotentAnswer> claimAnswer(IdempotentAnswer pending, Instant now);

  /**
   * Stores the answer of the request that claimed the key and keeps it until {@code expiresAt}; a record the TTL or
   * the account's deletion removed meanwhile stays removed.
   */
  void completeAnswer(String userId, String key, byte[] answer, Instant expiresAt);
}
