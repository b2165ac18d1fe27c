package dev.taskapi.store;

import dev.taskapi.domain.Webhook;
import java.util.List;
import java.util.Optional;

/** Each user's webhooks, at most {@link dev.taskapi.domain.WebhookEvents#MAX_PER_ACCOUNT} at once. */
public interface WebhookStore {
  /**
   * Stores a new webhook, only while its owner's account, registered under {@code ownerEmail}, exists and is not
   * being deleted, and has fewer than its limit of webhooks, in one atomic write.
   *
   * @throws dev.taskapi.domain.NotFoundException when the account is gone or being deleted: nothing is stored
   * @throws dev.taskapi.domain.ConflictException at the limit: nothing is stored
   */
  void create(Webhook webhook, String ownerEmail);

  /** The user's webhooks, in creation order. */
  List<Webhook> all(String userId);

  /** The user's webhook, read strongly consistently; empty when absent or someone else's. */
  Optional<Webhook> find(String userId, String webhookId);

  /** Deletes the user's webhook and counts it off; false when the user has no such webhook. */
  boolean delete(String userId, String webhookId);
}
