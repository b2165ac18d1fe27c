package dev.taskapi.store;

import dev.taskapi.domain.Webhook;
import java.time.Instant;
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

  /**
   * Records one failed delivery attempt at {@code at}: its {@code error}, one more consecutive failure, and, when
   * the event has run out of retries ({@code deadLettered}), one more failure for good.
   *
   * @return the webhook as the write left it; empty when it no longer exists (nothing is written)
   */
  Optional<Webhook> recordFailure(String userId, String webhookId, String error, Instant at, boolean deadLettered);

  /** Stops the webhook's events from {@code at} on, unless it is already disabled or gone. */
  void disable(String userId, String webhookId, Instant at);

  /** A delivered attempt: the run of consecutive failures ends, and a disabled webhook is enabled again. */
  void recordDelivery(String userId, String webhookId);
}
