package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.Webhook;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.webhooks.WebhookDeliverer.Result;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attempts against a receiver on loopback, each checked with the Standard Webhooks library. */
class WebhookDelivererTest {
  /** The verifier accepts a timestamp within 5 minutes of its own clock: the attempts are signed now. */
  private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
  private final String secret = WebhookSecret.generate();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final LoopbackReceiver receiver = LoopbackReceiver.start(delivery -> {
    try {
      new com.standardwebhooks.Webhook(secret).verify(delivery.body(), delivery.headers());
    } catch (Exception e) {
      return 401;
    }
    return failuresLeft.getAndDecrement() > 0 ? 500 : 204;
  });
  private final WebhookDeliverer deliverer = new WebhookDeliverer(webhooks,
      new ReceiverPolicy(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, true),
      WebhookSender.standard(), RetrySchedule.parse("PT1S PT2S PT3S"), 4, Clock.fixed(NOW, ZoneOffset.UTC));
  private final Webhook webhook = Webhook.registered("hook-1", "user-1", receiver.url("receiver.test"),
      List.of("task.created"), Optional.empty(), secret, NOW);
  private final Delivery delivery = Delivery.of("user-1", "hook-1", "record-1",
      new WebhookEvent("task.created", NOW, json -> {
        json.writeStartObject();
        json.writeEndObject();
      }));

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void aReceiverThatFailsThenAcceptsSeesOneEventIdAndEndsTheRun() {
    webhooks.create(webhook, "owner@example.com");
    failuresLeft.set(2);

    assertEquals(new Result.RetryAfter(Duration.ofSeconds(1), "the receiver answered 500"),
        deliverer.deliver(delivery, 1));
    assertEquals(new Result.RetryAfter(Duration.ofSeconds(2), "the receiver answered 500"),
        deliverer.deliver(delivery, 2));
    assertEquals(2, webhooks.find("user-1", "hook-1").orElseThrow().consecutiveFailures());
    assertEquals(new Result.Delivered(), deliverer.deliver(delivery, 3));

    Set<String> ids = receiver.received().stream()
        .map(d -> d.headers().get("webhook-id").getFirst()).collect(Collectors.toSet());
    assertEquals(Set.of(delivery.message().id()), ids);
    assertEquals(3, receiver.received().size());
    Webhook after = webhooks.find("user-1", "hook-1").orElseThrow();
    assertEquals(0, after.consecutiveFailures());
    assertEquals(0, after.failureCount());
    assertEquals(Optional.of("the receiver answered 500"), after.lastError());
  }

  @Test
  void anEventOutOfRetriesIsDeadLetteredCountedAndARunAsLongAsTheThresholdDisables() {
    webhooks.create(webhook, "owner@example.com");
    failuresLeft.set(Integer.MAX_VALUE);

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertInstanceOf(Result.RetryAfter.class, deliverer.deliver(delivery, attempt));
    }
    assertEquals(new Result.DeadLettered("the receiver answered 500"), deliverer.deliver(delivery, 4));

    Webhook after = webhooks.find("user-1", "hook-1").orElseThrow();
    assertEquals(1, after.failureCount());
    assertEquals(4, after.consecutiveFailures());
    assertEquals(Optional.of(NOW), after.disabledAt());
    assertEquals(new Result.Dropped("the webhook is disabled"), deliverer.deliver(delivery, 1));
    assertEquals(4, receiver.received().size(), "nothing sent to a disabled webhook");
  }

  @Test
  void aDeadLetterBelowTheThresholdDoesNotDisable() {
    webhooks.create(webhook, "owner@example.com");
    failuresLeft.set(Integer.MAX_VALUE);
    webhooks.recordDelivery("user-1", "hook-1");

    assertEquals(new Result.DeadLettered("the receiver answered 500"), deliverer.deliver(delivery, 4));

    assertTrue(webhooks.find("user-1", "hook-1").orElseThrow().enabled());
  }

  @Test
  void aDeletedWebhookGetsNothing() {
    assertEquals(new Result.Dropped("the webhook was deleted"), deliverer.deliver(delivery, 1));
    assertTrue(receiver.received().isEmpty());
  }

  @Test
  void aUrlThatNowResolvesToAPrivateAddressIsRefusedAtTheAttemptAndRetried() {
    Webhook elsewhere = Webhook.registered("hook-1", "user-1", "https://hooks.example.com/x",
        List.of("task.created"), Optional.empty(), secret, NOW);
    webhooks.create(elsewhere, "owner@example.com");
    WebhookDeliverer rebound = new WebhookDeliverer(webhooks,
        new ReceiverPolicy(host -> new InetAddress[] {InetAddress.getByName("10.0.0.7")}, false),
        WebhookSender.standard(), RetrySchedule.parse("PT1S"), 4, Clock.fixed(NOW, ZoneOffset.UTC));

    Result result = rebound.deliver(delivery, 1);

    assertInstanceOf(Result.RetryAfter.class, result);
    assertTrue(((Result.RetryAfter) result).error().startsWith("refused: the URL"), result.toString());
    assertFalse(webhooks.find("user-1", "hook-1").orElseThrow().lastError().isEmpty());
    assertTrue(receiver.received().isEmpty());
  }
}
