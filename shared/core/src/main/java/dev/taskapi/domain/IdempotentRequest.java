package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A create made with an Idempotency-Key: the user and the key, a fingerprint of the request body, and the id of
 * the task that request creates, chosen before it is stored so that every retry stores the very same task. Only
 * the fingerprint is kept, never the body: a retry has the same fingerprint, so its own body is the task's.
 * {@code completed} says the task is known to be stored; until then a retry stores it again (harmlessly: the put
 * is conditional). {@code taskCreatedAt} is the task's creation time: a server's id (a UUIDv7) carries it, a
 * client's ({@code uuid}) does not, so the record keeps it for a retry to answer the original task.
 */
public record IdempotentRequest(
    String userId, String key, String requestHash, String taskId, Instant taskCreatedAt, boolean completed,
    Instant expiresAt) {
  public IdempotentRequest {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(taskCreatedAt, "taskCreatedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A record of a task whose id the server chose (a UUIDv7), created at the instant its id carries. */
  public IdempotentRequest(
      String userId, String key, String requestHash, String taskId, boolean completed, Instant expiresAt) {
    this(userId, key, requestHash, taskId, TaskIds.createdAt(taskId), completed, expiresAt);
  }

  /**
   * The record a {@code POST /batch} keeps under its key ({@link IdempotentAnswer}), as a create that meets it reads
   * it: no task, so no id and no creation time. Its fingerprint differs from any create's, so the create is refused.
   */
  public static IdempotentRequest ofBatch(
      String userId, String key, String requestHash, boolean completed, Instant expiresAt) {
    return new IdempotentRequest(userId, key, requestHash, "", Instant.EPOCH, completed, expiresAt);
  }
}
