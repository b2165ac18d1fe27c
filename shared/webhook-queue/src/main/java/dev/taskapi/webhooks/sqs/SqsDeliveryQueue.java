package dev.taskapi.webhooks.sqs;

import dev.taskapi.config.Environment;
import dev.taskapi.store.dynamodb.AwsClientSettings;
import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.DeliveryQueue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointProvider;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link DeliveryQueue} on an Amazon SQS standard queue ({@code WEBHOOK_QUEUE_URL}). Sends go in
 * SendMessageBatch calls of up to 10 (the API's limit); an entry the batch refused is sent once more in the next
 * call, and one still refused fails the whole send: the publisher's stream batch is then retried, and what was sent
 * already is sent again under the same {@code webhook-id}s (at least once, never lost). A retry's pause is the
 * message's visibility timeout (ChangeMessageVisibility): SQS hides it until its next attempt.
 */
public final class SqsDeliveryQueue implements DeliveryQueue {
  /** The environment variable naming the queue (the template's WebhookDeliveryQueue). */
  public static final String QUEUE_VARIABLE = "WEBHOOK_QUEUE_URL";
  static final int BATCH = 10;

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsDeliveryQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  public static SqsDeliveryQueue fromEnvironment(Environment env) {
    return new SqsDeliveryQueue(client(env), env.required(QUEUE_VARIABLE));
  }

  /** The function's SQS client: {@code SQS_ENDPOINT} when set (the local stack), else the region's endpoint. */
  public static SqsClient client(Environment env) {
    Region region = AwsClientSettings.region(env);
    URI url = AwsClientSettings.endpoint(env, "SQS_ENDPOINT", () -> SqsEndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(region).useFips(false).useDualStack(false)).join().url());
    Endpoint endpoint = Endpoint.builder().url(url).build();
    return AwsClientSettings.configure(SqsClient.builder(), env, region, url,
            AwsClientSettings.overrideConfiguration().build())
        .endpointProvider(params -> CompletableFuture.completedFuture(endpoint))
        .build();
  }

  @Override
  public void send(List<Delivery> deliveries) {
    List<Delivery> pending = new ArrayList<>(deliveries);
    List<Delivery> refusedOnce = new ArrayList<>();
    while (!pending.isEmpty()) {
      List<Delivery> batch = pending.subList(0, Math.min(BATCH, pending.size()));
      List<Delivery> refused = sendBatch(List.copyOf(batch));
      batch.clear();
      for (Delivery delivery : refused) {
        if (refusedOnce.contains(delivery)) {
          throw new IllegalStateException("SQS refused a delivery twice: " + delivery.message().id());
        }
        refusedOnce.add(delivery);
        pending.add(delivery);
      }
    }
  }

  /** One SendMessageBatch; the entries it refused. */
  private List<Delivery> sendBatch(List<Delivery> batch) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      entries.add(SendMessageBatchRequestEntry.builder()
          .id(Integer.toString(i))
          .messageBody(batch.get(i).toJson())
          .build());
    }
    SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    List<Delivery> refused = new ArrayList<>();
    for (BatchResultErrorEntry failed : response.failed()) {
      refused.add(batch.get(Integer.parseInt(failed.id())));
    }
    return refused;
  }

  @Override
  public void retryAfter(String receiptHandle, Duration pause) {
    sqs.changeMessageVisibility(r -> r
        .queueUrl(queueUrl)
        .receiptHandle(receiptHandle)
        .visibilityTimeout(Math.toIntExact(pause.toSeconds())));
  }
}
