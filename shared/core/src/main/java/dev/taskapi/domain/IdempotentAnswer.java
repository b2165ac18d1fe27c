package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request whose whole answer is kept under its Idempotency-Key ({@code POST /batch}): the user and the key, a
 * fingerprint of the request, and, once it is complete, the answer's stored bytes (empty while the request runs).
 * It shares the key space of {@link IdempotentRequest}: one key names one request, whichever route it was sent to.
 */
public record IdempotentAnswer(
    String userId, String key, String requestHash, Optional<byte[]> answer, Instant expiresAt) {
  public IdempotentAnswer {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A claim for a request about to run, held until {@code expiresAt} unless completed. */
  public static IdempotentAnswer pending(String userId, String key, String requestHash, Instant expiresAt) {
    return new IdempotentAnswer(userId, key, requestHash, Optional.empty(), expiresAt);
  }
}
