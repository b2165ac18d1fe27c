package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A create made with an Idempotency-Key: the key (per user), a fingerprint of the request body, and the task that
 * request creates, chosen before it is stored so that every retry stores the very same task. {@code completed}
 * says the task is known to be stored; until then a retry stores it again (harmlessly: the put is conditional).
 */
public record IdempotentRequest(
    String key, String requestHash, Task task, boolean completed, Instant expiresAt) {
  public IdempotentRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public String userId() {
    return task.userId();
  }
}
