package dev.taskapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.taskapi.api.Json;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.Webhook;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.store.dynamodb.DynamoDbWebhookStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Issue 26's two figures, locally. What a write pays for being published: the table's stream is written inside
 * the write (in dynalite as in DynamoDB, where it costs no request and no write unit), so its price is the
 * write's latency on the stream's table against a table without a stream, PutItems alternated. And the delivery
 * latency: from a {@code POST /tasks} answer (CreateTaskFunction, in process) to its {@code task.created} at a
 * receiver on loopback, through the local stream, its event source mapping, the publisher, the SQS queue, its
 * mapping and the deliverer: the local stack's polling (about 4 a second on a stream, a long poll on a queue)
 * is in it, as Lambda's is on AWS.
 */
final class WebhookEventLatency {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration BACKLOG_PATIENCE = Duration.ofMinutes(5);

  record Result(Stats putWithStream, Stats putWithoutStream, Stats delivery) {}

  private WebhookEventLatency() {}

  static Stats[] writeCost(DynamoDbClient direct, String table, int writes) {
    String plain = table + "-without-stream";
    direct.createTable(r -> r.tableName(plain).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    for (int i = -writes / 10; i < writes; i++) {
      // A key the publisher's filter drops, so the stream's consumer adds no load to what is measured.
      Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("BENCH#" + i),
          "sk", AttributeValue.fromS("STREAM"), "title", AttributeValue.fromS("a task's everyday title " + i));
      double a = timed(() -> direct.putItem(r -> r.tableName(table).item(item)));
      double b = timed(() -> direct.putItem(r -> r.tableName(plain).item(item)));
      if (i >= 0) {
        with.add(a);
        without.add(b);
      }
    }
    // dynalite's DeleteTable can outlast the functions' 1.5 s attempt timeout on a loaded machine; a second attempt
    // then finds the table gone (ResourceNotFoundException), so this one call gets time for its one attempt.
    direct.deleteTable(r -> r.tableName(plain).overrideConfiguration(
        c -> c.apiCallAttemptTimeout(java.time.Duration.ofSeconds(60)).apiCallTimeout(java.time.Duration.ofSeconds(60))));
    return new Stats[] {Stats.of(with), Stats.of(without)};
  }

  /**
   * {@code events} creates by {@code create} (its sample event, prepared for {@code userId}), each awaited at a
   * receiver subscribed to {@code task.created} of that user, registered for the run and deleted after.
   */
  static Stats delivery(LambdaFunction create, String createEvent, DynamoDbWebhookStore webhooks, String userId,
      String email, int events) throws Exception {
    Map<String, Long> arrivals = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      long at = System.nanoTime();
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      arrivals.putIfAbsent(body.path("data").path("uuid").asText(), at);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    String webhookId = new TaskIds().next(System.currentTimeMillis()).toString();
    webhooks.create(Webhook.registered(webhookId, userId,
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", List.of("task.created"), Optional.empty(),
        dev.taskapi.webhooks.WebhookSecret.generate(), Instant.now()), email);
    try {
      // Not measured: the first event waits behind the stream records written before it (the fixtures, the warm
      // runs' writes), which the publisher reads first, in order.
      awaitDelivery(create, createEvent, arrivals, BACKLOG_PATIENCE);
      List<Double> latencies = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        latencies.add(awaitDelivery(create, createEvent, arrivals, PATIENCE));
      }
      return Stats.of(latencies);
    } finally {
      webhooks.delete(userId, webhookId);
      receiver.stop(0);
    }
  }

  /** One create, awaited at the receiver: the milliseconds from its answer to its event's arrival. */
  private static double awaitDelivery(LambdaFunction create, String createEvent, Map<String, Long> arrivals,
      Duration patience) throws Exception {
    JsonNode answer = WarmLatency.invokeOnce(create, createEvent);
    long answered = System.nanoTime();
    String taskId = Json.MAPPER.readTree(answer.path("body").asText()).path("task").path("uuid").asText();
    if (answer.path("statusCode").asInt() != 201 || taskId.isEmpty()) {
      throw new IllegalStateException("POST /tasks answered " + answer);
    }
    long deadline = answered + patience.toNanos();
    while (!arrivals.containsKey(taskId)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("task.created of " + taskId + " not delivered within " + patience);
      }
      Thread.sleep(1);
    }
    return (arrivals.get(taskId) - answered) / 1e6;
  }

  private static double timed(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1e6;
  }
}
