package dev.taskapi.deliverwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.domain.Webhook;
import dev.taskapi.snapstart.Priming;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.testing.StandardError;
import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.DeliveryQueue;
import dev.taskapi.webhooks.ReceiverPolicy;
import dev.taskapi.webhooks.RetrySchedule;
import dev.taskapi.webhooks.WebhookDeliverer;
import dev.taskapi.webhooks.WebhookEvent;
import dev.taskapi.webhooks.WebhookSender;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An SQS batch in: delivered and dropped messages are done, one to retry is postponed and reported failed. */
class DeliverWebhookHandlerTest {
  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
  private final LoopbackReceiver ok = LoopbackReceiver.start(delivery -> 204);
  private final LoopbackReceiver failing = LoopbackReceiver.start(delivery -> 503);
  private final List<Map.Entry<String, Duration>> postponed = new ArrayList<>();
  private final DeliveryQueue queue = new DeliveryQueue() {
    @Override
    public void send(List<Delivery> deliveries) {
      throw new AssertionError("the deliverer queues nothing");
    }

    @Override
    public void retryAfter(String receiptHandle, Duration pause) {
      postponed.add(Map.entry(receiptHandle, pause));
    }
  };
  private final DeliverWebhookHandler handler = new DeliverWebhookHandler(new WebhookDeliverer(webhooks,
      new ReceiverPolicy(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, true),
      WebhookSender.standard(), RetrySchedule.parse("PT5S PT5M"), 3, Clock.systemUTC()), queue);

  @AfterEach
  void stop() {
    ok.close();
    failing.close();
  }

  private void webhook(String id, LoopbackReceiver receiver) {
    webhooks.create(Webhook.registered(id, "u-1", receiver.url("receiver.test"), List.of("task.created"),
        Optional.empty(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Instant.now()), "u@example.com");
  }

  private static String record(String messageId, String webhookId, int receiveCount) {
    Delivery delivery = Delivery.of("u-1", webhookId, "record-" + messageId, new WebhookEvent("task.created",
        Instant.now(), json -> {
          json.writeStartObject();
          json.writeEndObject();
        }));
    String body = delivery.toJson().replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\"messageId\":\"" + messageId + "\",\"receiptHandle\":\"rh-" + messageId + "\",\"body\":\"" + body
        + "\",\"attributes\":{\"ApproximateReceiveCount\":\"" + receiveCount + "\"},\"eventSource\":\"aws:sqs\"}";
  }

  private String handle(String... records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String event = "{\"Records\":[" + String.join(",", records) + "]}";
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
        new CapturingContext());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onlyTheMessageToRetryIsReportedFailedWithItsPauseAsItsVisibility() throws Exception {
    webhook("hook-ok", ok);
    webhook("hook-failing", failing);

    String answer = handle(record("m1", "hook-ok", 1), record("m2", "hook-failing", 2), record("m3", "gone", 1),
        "{\"messageId\":\"m4\",\"receiptHandle\":\"rh-m4\",\"body\":\"not json\"}");

    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m4\"}]}", answer);
    assertEquals(List.of(Map.entry("rh-m2", Duration.ofMinutes(5))), postponed);
    assertEquals(1, ok.received().size());
    assertEquals(1, failing.received().size());
  }

  @Test
  void primingDropsItsDeliveryToAWebhookNoOneHasAndSendsNothing() {
    String warnings = StandardError.during(() -> Priming.run(handler::prime));

    assertEquals("", warnings, "attempted and dropped, no warning");
    assertEquals(List.of(), ok.received());
    assertEquals(List.of(), postponed);
  }

  @Test
  void thePrimingRecordIsADeliveryToThePrimingCallersWebhook() {
    webhooks.create(Webhook.registered(Priming.USER_ID, Priming.USER_ID, ok.url("receiver.test"),
        List.of("task.created"), Optional.empty(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Instant.now()),
        "priming@example.com");

    handler.prime();

    assertEquals(1, ok.received().size(), "had the caller a webhook, the priming record would reach it");
  }

  @Test
  void theLastAttemptDeadLettersAndIsDone() throws Exception {
    webhook("hook-failing", failing);

    assertEquals("{\"batchItemFailures\":[]}", handle(record("m1", "hook-failing", 3)));
    assertEquals(1, webhooks.find("u-1", "hook-failing").orElseThrow().failureCount());
    assertEquals(List.of(), postponed);
  }
}
