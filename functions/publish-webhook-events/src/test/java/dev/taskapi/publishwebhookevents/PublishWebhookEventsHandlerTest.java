package dev.taskapi.publishwebhookevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.Webhook;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.testing.RecordingDeliveryQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stream batch in, the deliveries each subscribed, enabled webhook of each owner gets out. */
class PublishWebhookEventsHandlerTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final String TASK = "0195abcd-0000-7000-8000-000000000001";
  private static final String ITEM = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"TASK#" + TASK + "\"},"
      + "\"task_id\":{\"S\":\"" + TASK + "\"},\"user_id\":{\"S\":\"u-1\"},\"title\":{\"S\":\"Write\"},"
      + "\"description\":{\"S\":\"\"},\"completed\":{\"BOOL\":false},"
      + "\"created_at\":{\"S\":\"2026-12-07T09:00:00Z\"},\"updated_at\":{\"S\":\"2026-12-07T09:00:00Z\"}}";
  private static final String KEYS = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"TASK#" + TASK + "\"}}";

  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
  private final RecordingDeliveryQueue queue = new RecordingDeliveryQueue();
  private final List<Delivery> queued = queue.queued();

  private static String event(String... records) {
    return "{\"Records\":[" + String.join(",", records) + "]}";
  }

  private static String record(String id, String name, String oldImage, String newImage) {
    return "{\"eventID\":\"" + id + "\",\"eventName\":\"" + name + "\",\"eventSource\":\"aws:dynamodb\","
        + "\"dynamodb\":{\"ApproximateCreationDateTime\":1796000000,\"Keys\":" + KEYS
        + (oldImage == null ? "" : ",\"OldImage\":" + oldImage) + (newImage == null ? "" : ",\"NewImage\":" + newImage)
        + ",\"SequenceNumber\":\"1" + id + "\",\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}";
  }

  private void webhook(String id, String userId, List<String> events) {
    webhooks.create(Webhook.registered(id, userId, "https://hooks.example.com/" + id, events, Optional.empty(),
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", NOW), userId + "@example.com");
  }

  private String handle(String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PublishWebhookEventsHandler(webhooks, queue).handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new CapturingContext());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachChangeGoesToEachEnabledWebhookOfItsOwnerThatSubscribesToItsType() throws Exception {
    webhook("created-only", "u-1", List.of("task.created"));
    webhook("deleted-only", "u-1", List.of("task.deleted"));
    webhook("both-disabled", "u-1", List.of("task.created", "task.deleted"));
    webhook("someone-else", "u-2", List.of("task.created", "task.deleted"));
    webhooks.disable("u-1", "both-disabled", NOW);

    String answer = handle(event(record("e1", "INSERT", null, ITEM), record("e2", "REMOVE", ITEM, null)));

    assertEquals("{\"batchItemFailures\":[]}", answer);
    assertEquals(List.of("created-only:task.created", "deleted-only:task.deleted"),
        queued.stream().map(d -> d.webhookId() + ":" + d.message().type()).toList());
    assertTrue(queued.get(0).message().body().contains("\"uuid\":\"" + TASK + "\""));
    assertEquals("{\"type\":\"task.deleted\",\"timestamp\":\"2026-11-30T00:53:20Z\",\"data\":{\"uuid\":\"" + TASK
        + "\"}}", queued.get(1).message().body());
  }

  @Test
  void aRetriedBatchQueuesTheSameWebhookIdsAgain() throws Exception {
    webhook("created-only", "u-1", List.of("task.created"));
    String event = event(record("e1", "INSERT", null, ITEM));

    handle(event);
    handle(event);

    assertEquals(2, queued.size());
    assertEquals(queued.get(0).message().id(), queued.get(1).message().id());
  }

  @Test
  void aQueueThatRefusesFailsTheInvocationSoLambdaRetriesTheBatch() {
    webhook("created-only", "u-1", List.of("task.created"));
    queue.refuseEverySend();

    assertThrows(IllegalStateException.class, () -> handle(event(record("e1", "INSERT", null, ITEM))));
  }

  @Test
  void anOwnerWithoutWebhooksQueuesNothing() throws Exception {
    assertEquals("{\"batchItemFailures\":[]}", handle(event(record("e1", "INSERT", null, ITEM))));
    assertEquals(List.of(), queued);
  }
}
