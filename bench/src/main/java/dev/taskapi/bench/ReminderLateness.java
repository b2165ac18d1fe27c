package dev.taskapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 26's reminder figure, locally: how late a {@code reminder.fired} arrives after its moment. Tasks are created
 * through CreateTaskFunction (in process) with one {@code at} reminder each, a second apart from a few seconds
 * ahead, and a receiver on loopback notes each event's arrival: the local stream, the schedule function, the local
 * EventBridge Scheduler's one-time schedule (checked every 250 ms), the reminder function, the webhook
 * queue and the deliverer are all in it. On AWS, Scheduler's own precision is 60 s (User Guide, "Schedule types").
 */
final class ReminderLateness {
  /** Far enough ahead for the stream and the schedule function, even behind the bench's other writes. */
  private static final Duration LEAD = Duration.ofSeconds(5);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private ReminderLateness() {}

  static Stats lateness(LambdaFunction create, String createEvent, DynamoDbWebhookStore webhooks, String userId,
      String email, int reminders) throws Exception {
    Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      Instant at = Instant.now();
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      arrivals.putIfAbsent(body.path("data").path("task").path("uuid").asText(), at);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    String webhookId = new TaskIds().next(System.currentTimeMillis()).toString();
    webhooks.create(Webhook.registered(webhookId, userId,
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", List.of("reminder.fired"),
        Optional.empty(), dev.taskapi.webhooks.WebhookSecret.generate(), Instant.now()), email);
    try {
      Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(LEAD);
      Map<String, Instant> moments = new ConcurrentHashMap<>();
      for (int i = 0; i < reminders; i++) {
        Instant moment = first.plusSeconds(i);
        moments.put(create(create, createEvent, moment), moment);
      }
      Instant deadline = first.plusSeconds(reminders).plus(PATIENCE);
      while (!arrivals.keySet().containsAll(moments.keySet())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "reminder.fired: " + arrivals.size() + " of " + reminders + " arrived within " + PATIENCE);
        }
        Thread.sleep(10);
      }
      List<Double> lateness = new ArrayList<>();
      moments.forEach((task, moment) -> lateness.add(Duration.between(moment, arrivals.get(task)).toNanos() / 1e6));
      return Stats.of(lateness);
    } finally {
      webhooks.delete(userId, webhookId);
      receiver.stop(0);
    }
  }

  /** One create with a reminder at {@code moment}: the task's id. */
  private static String create(LambdaFunction create, String createEvent, Instant moment) throws Exception {
    ObjectNode event = (ObjectNode) Json.MAPPER.readTree(createEvent);
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree(event.path("body").asText());
    body.putArray("reminders").addObject().put("at", moment.toString());
    event.put("body", Json.MAPPER.writeValueAsString(body));
    JsonNode answer = WarmLatency.invokeOnce(create, Json.MAPPER.writeValueAsString(event));
    String taskId = Json.MAPPER.readTree(answer.path("body").asText()).path("task").path("uuid").asText();
    if (answer.path("statusCode").asInt() != 201 || taskId.isEmpty()) {
      throw new IllegalStateException("POST /tasks answered " + answer);
    }
    return taskId;
  }
}
