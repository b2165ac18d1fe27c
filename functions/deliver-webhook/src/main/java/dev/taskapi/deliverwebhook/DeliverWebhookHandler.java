package dev.taskapi.deliverwebhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.JsonBody;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.WebhookEvents;
import dev.taskapi.log.FunctionLog;
import dev.taskapi.services.Services;
import dev.taskapi.snapstart.Priming;
import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.DeliveryQueue;
import dev.taskapi.webhooks.WebhookDeliverer;
import dev.taskapi.webhooks.WebhookDeliverer.Result;
import dev.taskapi.webhooks.WebhookEvent;
import dev.taskapi.webhooks.WebhookSender;
import dev.taskapi.webhooks.sqs.SqsDeliveryQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crac.Resource;

/**
 * The delivery queue's consumer (an SQS event source mapping with {@code ReportBatchItemFailures}): one attempt
 * per message ({@link WebhookDeliverer}), its number SQS's {@code ApproximateReceiveCount}. A message delivered,
 * dropped or dead-lettered is done (Lambda deletes it); one to retry gets its pause as its visibility timeout and
 * is reported failed, so SQS hands it over again after the pause. A message whose attempt itself failed (the table
 * unreachable) is reported failed without a pause: it comes back after the queue's visibility timeout. Nothing is
 * deleted that was not delivered or given up on by rule; the queue's redrive policy moves a message that fails
 * more often than any schedule allows to the dead-letter queue, whose alarm wakes the operator.
 *
 * <p>The batch's attempts run at once, one virtual thread each (they wait on receivers, not on the CPU), so a batch
 * takes as long as its slowest receiver (5 s at most), not the sum: one receiver's slowness delays no other's
 * events, and the function's timeout stays short.
 *
 * <p>Before a SnapStart snapshot it attempts one delivery to a webhook the priming caller does not have, on the
 * priming thread, where the write guard is on: the record's parsing and the webhook's read are then in the
 * snapshot, and the attempt is dropped, so nothing is sent or written. Its sender primes the send itself ({@link
 * WebhookSender#primedForSnapStart}).
 */
public final class DeliverWebhookHandler implements RequestStreamHandler, Resource {
  private final WebhookDeliverer deliverer;
  private final DeliveryQueue queue;

  /** Lambda's entry point: production wiring from the function's environment. */
  public DeliverWebhookHandler() {
    Services services = Services.fromEnvironment();
    Environment env = Environment.current();
    this(WebhookDeliverer.fromEnvironment(
            env, services.webhookStore(), WebhookSender.primedForSnapStart(), services.clock()),
        SqsDeliveryQueue.fromEnvironment(env));
    Priming.register(this);
  }

  public DeliverWebhookHandler(WebhookDeliverer deliverer, DeliveryQueue queue) {
    this.deliverer = deliverer;
    this.queue = queue;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    JsonStreams.readTree(input).path("Records").forEach(records::add);
    List<Future<Boolean>> attempts = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (JsonNode record : records) {
        attempts.add(threads.submit(() -> attempted(record, context)));
      }
    }
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (!done(attempts.get(i))) {
        failed.add(records.get(i).path("messageId").asText());
      }
    }
    try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(output)) {
      json.writeStartObject();
      json.writeArrayFieldStart("batchItemFailures");
      for (String id : failed) {
        json.writeStartObject();
        json.writeStringField("itemIdentifier", id);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    Priming.run(this::prime);
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew.
  }

  /**
   * Attempts the priming record's delivery on this thread; a failure is logged (the snapshot is still valid, only
   * colder). Dropped is what it expects: the priming caller has no webhook.
   */
  void prime() {
    try {
      JsonNode record = JsonStreams.readTree(primingEvent()).path("Records").get(0);
      if (!attempted(record, null)) {
        System.err.println("WARN priming a delivery was not attempted");
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("WARN priming a delivery failed: " + e.getClass().getSimpleName());
    }
  }

  /** An SQS event of one queued test delivery to the priming caller's webhook of the same id, which no one has. */
  private static String primingEvent() {
    Delivery delivery = Delivery.of(Priming.USER_ID, Priming.USER_ID, "priming",
        new WebhookEvent(WebhookEvents.TEST, Instant.EPOCH, json -> {
          json.writeStartObject();
          json.writeEndObject();
        }));
    return JsonBody.toJson(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("Records");
      json.writeStartObject();
      json.writeStringField("messageId", "priming");
      json.writeStringField("receiptHandle", "priming");
      json.writeStringField("body", delivery.toJson());
      json.writeObjectFieldStart("attributes");
      json.writeStringField("ApproximateReceiveCount", "1");
      json.writeEndObject();
      json.writeStringField("eventSource", "aws:sqs");
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  /** An attempt's answer; an attempt that did not end normally is not done. */
  private static boolean done(Future<Boolean> attempt) {
    try {
      return attempt.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  /** Whether the message {@code record} is done with (false: SQS is to hand it over again). */
  private boolean attempted(JsonNode record, Context context) {
    String messageId = record.path("messageId").asText();
    try {
      Delivery delivery = Delivery.fromJson(record.path("body").asText());
      int attempt = record.path("attributes").path("ApproximateReceiveCount").asInt(1);
      Result result = deliverer.deliver(delivery, attempt);
      FunctionLog.line(context, "delivery " + delivery.message().id() + " to webhook " + delivery.webhookId()
          + ", attempt " + attempt + ": " + result);
      if (result instanceof Result.RetryAfter retry) {
        queue.retryAfter(record.path("receiptHandle").asText(), retry.pause());
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      FunctionLog.line(context, "message " + messageId + " not attempted, to be handed over again: " + e);
      return false;
    }
  }
}
