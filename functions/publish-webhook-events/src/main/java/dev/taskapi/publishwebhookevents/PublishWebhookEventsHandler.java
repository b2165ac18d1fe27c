package dev.taskapi.publishwebhookevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.config.Environment;
import dev.taskapi.log.FunctionLog;
import dev.taskapi.domain.Webhook;
import dev.taskapi.services.Services;
import dev.taskapi.store.WebhookStore;
import dev.taskapi.store.dynamodb.StreamImages;
import dev.taskapi.store.dynamodb.StreamImages.StreamChange;
import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.DeliveryQueue;
import dev.taskapi.webhooks.WebhookEvent;
import dev.taskapi.webhooks.sqs.SqsDeliveryQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table's stream (NEW_AND_OLD_IMAGES, filtered by the event source mapping to task and list items) as webhook
 * deliveries: each write a {@link WebhookEvent}, queued once for each of its owner's enabled webhooks that
 * subscribe to its type (one Query of the owner's webhooks per owner in the batch), in one send to the delivery
 * queue. The handler answers only once every delivery is queued; any failure fails the invocation, and Lambda
 * retries the batch (bisected) until its records expire, 24 hours after their write: nothing the table
 * acknowledged is skipped. A retried batch queues its deliveries again with the same {@code webhook-id}s.
 */
public final class PublishWebhookEventsHandler implements RequestStreamHandler {
  private static final byte[] NO_FAILURES = "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);

  private final WebhookStore webhooks;
  private final DeliveryQueue queue;

  /** Lambda's entry point: production wiring from the function's environment. */
  public PublishWebhookEventsHandler() {
    this(Services.fromEnvironment().webhookStore(), SqsDeliveryQueue.fromEnvironment(Environment.current()));
  }

  public PublishWebhookEventsHandler(WebhookStore webhooks, DeliveryQueue queue) {
    this.webhooks = webhooks;
    this.queue = queue;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    List<StreamChange> changes = StreamImages.changes(JsonStreams.readTree(input));
    List<Delivery> deliveries = deliveries(changes);
    queue.send(deliveries);
    FunctionLog.line(context, "published " + deliveries.size() + " deliveries of " + changes.size() + " changes");
    output.write(NO_FAILURES);
  }

  private List<Delivery> deliveries(List<StreamChange> changes) {
    Map<String, List<Webhook>> webhooksByOwner = new HashMap<>();
    List<Delivery> deliveries = new ArrayList<>();
    for (StreamChange change : changes) {
      Optional<WebhookEvent> event = WebhookEvent.of(change.change(), change.at());
      if (event.isEmpty()) {
        continue;
      }
      String owner = change.change().userId();
      deliveries.addAll(Delivery.toSubscribers(
          owner, webhooksByOwner.computeIfAbsent(owner, webhooks::all), change.eventId(), event.get()));
    }
    return deliveries;
  }
}
