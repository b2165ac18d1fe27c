package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.User;
import dev.taskapi.domain.Webhook;
import dev.taskapi.domain.WebhookEvents;
import dev.taskapi.store.UserStore;
import dev.taskapi.store.WebhookStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookStore} does, the in-memory fake and the DynamoDB store alike: every field stored as
 * given, the account check and the limit on create, owner isolation and deletes that count off. Each test works on
 * owners of its own, so implementations may share one table.
 */
public abstract class WebhookStoreContract {
  private final TaskIds ids = new TaskIds();
  private final WebhookStore webhooks;
  private final UserStore users;

  protected WebhookStoreContract(WebhookStore webhooks, UserStore users) {
    this.webhooks = webhooks;
    this.users = users;
  }

  @Test
  void aWebhookReadsBackAsStoredSecretIncludedAndIsItsOwnersOnly() {
    User owner = owner();
    Webhook first = webhook(owner, Optional.of("CI \"hooks\""));
    Webhook second = webhook(owner, Optional.empty());
    webhooks.create(first, owner.email());
    webhooks.create(second, owner.email());

    assertEquals(Optional.of(first), webhooks.find(owner.id(), first.id()));
    assertEquals(List.of(first, second), webhooks.all(owner.id()));
    assertEquals(0, first.failureCount());
    User other = owner();
    assertEquals(Optional.empty(), webhooks.find(other.id(), first.id()));
    assertEquals(List.of(), webhooks.all(other.id()));
    assertFalse(webhooks.delete(other.id(), first.id()));
  }

  @Test
  void aWebhookOfAnAccountThatIsGoneIsNotStored() {
    User owner = owner();
    users.delete(owner);

    assertThrows(NotFoundException.class, () -> webhooks.create(webhook(owner, Optional.empty()), owner.email()));
    assertEquals(List.of(), webhooks.all(owner.id()));
  }

  @Test
  void anAccountHasAtMostItsLimitAndADeletionFreesAPlace() {
    User owner = owner();
    for (int i = 0; i < WebhookEvents.MAX_PER_ACCOUNT; i++) {
      webhooks.create(webhook(owner, Optional.empty()), owner.email());
    }
    Webhook extra = webhook(owner, Optional.empty());

    assertThrows(ConflictException.class, () -> webhooks.create(extra, owner.email()));
    assertEquals(WebhookEvents.MAX_PER_ACCOUNT, webhooks.all(owner.id()).size());

    Webhook gone = webhooks.all(owner.id()).getFirst();
    assertTrue(webhooks.delete(owner.id(), gone.id()));
    assertFalse(webhooks.delete(owner.id(), gone.id()), "deleted already");
    assertEquals(Optional.empty(), webhooks.find(owner.id(), gone.id()));
    webhooks.create(extra, owner.email());
    assertEquals(WebhookEvents.MAX_PER_ACCOUNT, webhooks.all(owner.id()).size());
  }

  @Test
  void failedAttemptsCountARunThatADeliveryEndsAndOnlyDeadLettersCountForGood() {
    User owner = owner();
    Webhook webhook = webhook(owner, Optional.empty());
    webhooks.create(webhook, owner.email());
    Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant second = first.plusSeconds(5);

    webhooks.recordFailure(owner.id(), webhook.id(), "the receiver answered 500", first, false);
    Webhook afterTwo =
        webhooks.recordFailure(owner.id(), webhook.id(), "the receiver answered 503", second, true).orElseThrow();

    assertEquals(2, afterTwo.consecutiveFailures());
    assertEquals(1, afterTwo.failureCount(), "only the dead-lettered attempt counts for good");
    assertEquals(Optional.of("the receiver answered 503"), afterTwo.lastError());
    assertEquals(Optional.of(second), afterTwo.lastErrorAt());
    assertEquals(Optional.of(afterTwo), webhooks.find(owner.id(), webhook.id()));

    webhooks.disable(owner.id(), webhook.id(), second);
    webhooks.disable(owner.id(), webhook.id(), second.plusSeconds(1));
    Webhook disabled = webhooks.find(owner.id(), webhook.id()).orElseThrow();
    assertEquals(Optional.of(second), disabled.disabledAt(), "the first disabling stands");
    assertFalse(disabled.receives(webhook.events().getFirst()));

    webhooks.recordDelivery(owner.id(), webhook.id());
    Webhook delivered = webhooks.find(owner.id(), webhook.id()).orElseThrow();
    assertEquals(0, delivered.consecutiveFailures());
    assertTrue(delivered.enabled());
    assertEquals(1, delivered.failureCount(), "what failed for good stays counted");
    assertEquals(Optional.of("the receiver answered 503"), delivered.lastError());
  }

  @Test
  void aFailureOfAWebhookThatIsGoneWritesNothing() {
    User owner = owner();
    Webhook webhook = webhook(owner, Optional.empty());

    assertEquals(Optional.empty(), webhooks.recordFailure(owner.id(), webhook.id(), "refused", Instant.now(), true));
    webhooks.disable(owner.id(), webhook.id(), Instant.now());
    webhooks.recordDelivery(owner.id(), webhook.id());
    assertEquals(List.of(), webhooks.all(owner.id()));
  }

  protected final User owner() {
    return TaskStoreContract.register(users);
  }

  private Webhook webhook(User owner, Optional<String> description) {
    String id = ids.next(System.currentTimeMillis()).toString();
    return Webhook.registered(id, owner.id(), "https://hooks.example.com/" + id, List.of("task.created", "list.deleted"),
        description, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", TaskIds.createdAt(id));
  }
}
