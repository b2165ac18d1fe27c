package dev.taskapi.webhooks;

import dev.taskapi.config.Environment;
import dev.taskapi.domain.Webhook;
import dev.taskapi.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt at one {@link Delivery}: reads the webhook (its URL and secret as they are now), checks the URL
 * against the SSRF guard again (its host resolved anew, the connection pinned to the address checked), sends the
 * message signed with this attempt's timestamp, and records how it went on the webhook. What the queue does next
 * is the {@link Result}'s to say.
 *
 * <p>Disabling: when an event runs out of retries (it is dead-lettered) and the webhook's run of consecutive
 * failed attempts has reached {@link #DISABLE_VARIABLE} (default: {@link RetrySchedule#attempts()}, one event's
 * whole schedule, 27 h 35 min with the standard one, with no attempt delivered in between), the webhook is
 * disabled: no more events are published to it, and its queued ones are dropped, until a delivered {@code POST
 * /webhooks/{id}/test} enables it again.
 */
public final class WebhookDeliverer {
  /** The environment variable (template parameter WebhookDisableAfterFailures). */
  public static final String DISABLE_VARIABLE = "WEBHOOK_DISABLE_AFTER_FAILURES";

  /** What becomes of the queued delivery after this attempt. */
  public sealed interface Result {
    /** The receiver took it (2xx): done. */
    record Delivered() implements Result {}

    /** Not sent, and never will be: the webhook is gone or disabled. */
    record Dropped(String reason) implements Result {}

    /** Not delivered; try again after {@code pause}. */
    record RetryAfter(Duration pause, String error) implements Result {}

    /** Not delivered, and no retry is left: counted on the webhook ({@code failure_count}), then gone. */
    record DeadLettered(String error) implements Result {}
  }

  private final WebhookStore webhooks;
  private final ReceiverPolicy receivers;
  private final WebhookSender sender;
  private final RetrySchedule schedule;
  private final long disableAfter;
  private final Clock clock;

  public WebhookDeliverer(WebhookStore webhooks, ReceiverPolicy receivers, WebhookSender sender,
      RetrySchedule schedule, long disableAfter, Clock clock) {
    if (disableAfter < 1) {
      throw new IllegalArgumentException(DISABLE_VARIABLE + " must be at least 1: " + disableAfter);
    }
    this.webhooks = webhooks;
    this.receivers = receivers;
    this.sender = sender;
    this.schedule = schedule;
    this.disableAfter = disableAfter;
    this.clock = clock;
  }

  /** The function's deliverer: its receiver policy, retry schedule and disabling threshold from {@code env}. */
  public static WebhookDeliverer fromEnvironment(
      Environment env, WebhookStore webhooks, WebhookSender sender, Clock clock) {
    RetrySchedule schedule = RetrySchedule.fromEnvironment(env);
    long disableAfter = Long.parseLong(env.optional(DISABLE_VARIABLE, Integer.toString(schedule.attempts())));
    return new WebhookDeliverer(webhooks, ReceiverPolicy.fromEnvironment(env), sender, schedule, disableAfter, clock);
  }

  /** Attempt {@code attempt} (1 for the first; SQS's ApproximateReceiveCount) of {@code delivery}. */
  public Result deliver(Delivery delivery, int attempt) {
    Optional<Webhook> found = webhooks.find(delivery.userId(), delivery.webhookId());
    if (found.isEmpty()) {
      return new Result.Dropped("the webhook was deleted");
    }
    Webhook webhook = found.get();
    if (!webhook.enabled()) {
      return new Result.Dropped("the webhook is disabled");
    }
    Instant now = clock.instant();
    DeliveryOutcome outcome = send(webhook, delivery.message().attemptedAt(now));
    if (outcome.delivered()) {
      if (webhook.consecutiveFailures() > 0) {
        webhooks.recordDelivery(webhook.userId(), webhook.id());
      }
      return new Result.Delivered();
    }
    String error = outcome.error().orElse("not delivered");
    Optional<Duration> pause = schedule.after(attempt);
    Optional<Webhook> recorded = webhooks.recordFailure(webhook.userId(), webhook.id(), error, now, pause.isEmpty());
    if (pause.isPresent()) {
      return new Result.RetryAfter(pause.get(), error);
    }
    if (recorded.isPresent() && recorded.get().consecutiveFailures() >= disableAfter) {
      webhooks.disable(webhook.userId(), webhook.id(), now);
    }
    return new Result.DeadLettered(error);
  }

  private DeliveryOutcome send(Webhook webhook, WebhookMessage message) {
    PinnedReceiver receiver;
    try {
      receiver = receivers.check(webhook.url());
    } catch (ReceiverRefusedException e) {
      return DeliveryOutcome.failed("refused: the URL " + e.reason());
    }
    return sender.send(receiver, message, webhook.secret());
  }
}
