package dev.taskapi.testing;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Webhook;
import dev.taskapi.domain.WebhookEvents;
import dev.taskapi.store.WebhookStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link WebhookStore} in maps, with the contract of the DynamoDB store ({@link WebhookStoreContract}). */
public final class InMemoryWebhookStore implements WebhookStore {
  private final Map<String, Map<String, Webhook>> byUser = new HashMap<>();
  private final InMemoryUserStore accounts;

  /** A store that checks each create's account in {@code accounts}, as the DynamoDB store checks its table. */
  public InMemoryWebhookStore(InMemoryUserStore accounts) {
    this.accounts = accounts;
  }

  /** A store that takes every create's account for granted, for tests about something else. */
  public InMemoryWebhookStore() {
    this(null);
  }

  @Override
  public synchronized void create(Webhook webhook, String ownerEmail) {
    if (accounts != null && !accounts.isOpen(ownerEmail, webhook.userId())) {
      throw new NotFoundException("This account no longer exists.");
    }
    Map<String, Webhook> webhooks = byUser.computeIfAbsent(webhook.userId(), u -> new LinkedHashMap<>());
    if (webhooks.size() >= WebhookEvents.MAX_PER_ACCOUNT) {
      throw new ConflictException(
          "An account has at most " + WebhookEvents.MAX_PER_ACCOUNT + " webhooks; delete one first.");
    }
    if (webhooks.putIfAbsent(webhook.id(), webhook) != null) {
      throw new IllegalStateException("webhook id taken: " + webhook.id());
    }
  }

  @Override
  public synchronized List<Webhook> all(String userId) {
    return byUser.getOrDefault(userId, Map.of()).values().stream()
        .sorted(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id))
        .toList();
  }

  @Override
  public synchronized Optional<Webhook> find(String userId, String webhookId) {
    return Optional.ofNullable(byUser.getOrDefault(userId, Map.of()).get(webhookId));
  }

  @Override
  public synchronized boolean delete(String userId, String webhookId) {
    return byUser.getOrDefault(userId, new HashMap<>()).remove(webhookId) != null;
  }

  @Override
  public synchronized Optional<Webhook> recordFailure(
      String userId, String webhookId, String error, Instant at, boolean deadLettered) {
    return replace(userId, webhookId, w -> new Webhook(w.id(), w.userId(), w.url(), w.events(), w.description(),
        w.secret(), w.createdAt(), w.failureCount() + (deadLettered ? 1 : 0), Optional.of(error), Optional.of(at),
        w.consecutiveFailures() + 1, w.disabledAt()));
  }

  @Override
  public synchronized void disable(String userId, String webhookId, Instant at) {
    replace(userId, webhookId, w -> w.enabled() ? withRun(w, w.consecutiveFailures(), Optional.of(at)) : w);
  }

  @Override
  public synchronized void recordDelivery(String userId, String webhookId) {
    replace(userId, webhookId, w -> withRun(w, 0, Optional.empty()));
  }

  private static Webhook withRun(Webhook w, long consecutiveFailures, Optional<Instant> disabledAt) {
    return new Webhook(w.id(), w.userId(), w.url(), w.events(), w.description(), w.secret(), w.createdAt(),
        w.failureCount(), w.lastError(), w.lastErrorAt(), consecutiveFailures, disabledAt);
  }

  private Optional<Webhook> replace(String userId, String webhookId, java.util.function.UnaryOperator<Webhook> change) {
    Map<String, Webhook> webhooks = byUser.getOrDefault(userId, new HashMap<>());
    return Optional.ofNullable(webhooks.computeIfPresent(webhookId, (id, w) -> change.apply(w)));
  }
}
