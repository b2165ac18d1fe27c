package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import dev.taskapi.webhooks.testing.LoopbackReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook events end to end over the local stack: writes through the API, the table's stream (dynalite's, through
 * the local DynamoDB Streams endpoint), the publisher, the SQS delivery queue (ElasticMQ behind the local SQS
 * endpoint), the deliverer, and a receiver on loopback that checks every delivery with the Standard Webhooks
 * project's Java verifier. The stack's retry schedule is shortened to seconds (the template's parameter), so a run
 * of failures fits a test; everything else is the template's.
 */
class WebhookEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static LocalApi stack;

  private final ApiClient api = stack.client();
  private final List<LoopbackReceiver> receivers = new ArrayList<>();

  @BeforeAll
  static void start() {
    stack = LocalApi.startPrivate(options -> options.withParameterOverrides(Map.of(
        "WebhookRetrySchedule", "PT1S,PT1S,PT1S,PT1S,PT1S,PT1S",
        "WebhookDisableAfterFailures", "7")));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @AfterEach
  void closeReceivers() {
    receivers.forEach(LoopbackReceiver::close);
  }

  /** A receiver answering {@code answer}'s status to each verified delivery, 401 to one that fails to verify. */
  private Receiver receiver(java.util.function.IntSupplier answer) {
    Receiver receiver = new Receiver();
    receiver.loopback = LoopbackReceiver.start(delivery -> {
      try {
        new Webhook(receiver.secret).verify(delivery.body(), delivery.headers());
      } catch (Exception e) {
        receiver.unverified.incrementAndGet();
        return 401;
      }
      return answer.getAsInt();
    });
    receivers.add(receiver.loopback);
    return receiver;
  }

  private static final class Receiver {
    volatile String secret;
    volatile String webhookId;
    LoopbackReceiver loopback;
    final AtomicInteger unverified = new AtomicInteger();

    List<JsonNode> events() {
      return loopback.received().stream().map(d -> parse(d.body())).toList();
    }

    List<String> types() {
      return events().stream().map(e -> e.path("type").asText()).toList();
    }
  }

  private Response send(String method, Account account, String path, Object body) {
    return api.send(method, path, body == null ? null : ApiClient.json(body), "Authorization", account.bearer());
  }

  private void register(Account account, Receiver receiver, List<String> events) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", receiver.loopback.url("127.0.0.1"));
    body.put("events", events);
    Response created = send("POST", account, "/webhooks", body);
    assertEquals(201, created.status(), created.text());
    receiver.secret = created.json().path("secret").asText();
    receiver.webhookId = created.json().path("webhook").path("uuid").asText();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(body, e);
    }
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Thread.sleep(100);
    }
  }

  private JsonNode webhook(Account account, String id) {
    for (JsonNode webhook : send("GET", account, "/webhooks", null).json().path("webhooks")) {
      if (webhook.path("uuid").asText().equals(id)) {
        return webhook;
      }
    }
    throw new AssertionError("no webhook " + id);
  }

  @Test
  void everyWriteOfATaskOrListArrivesAsItsEventSignedWithTheObjectAsTheWriteLeftIt() throws Exception {
    Account ada = api.newAccount();
    Receiver all = receiver(() -> 204);
    register(ada, all, List.of("task.created", "task.updated", "task.completed", "task.deleted", "list.created",
        "list.updated", "list.deleted"));

    String list = send("POST", ada, "/lists", Map.of("title", "Home")).json().path("list").path("uuid").asText();
    String task = api.createTask(ada, Map.of("title", "Paint", "description", "the fence", "list_id", list))
        .json().path("task").path("uuid").asText();
    assertEquals(200, send("PATCH", ada, "/tasks/" + task, Map.of("title", "Paint it")).status());
    assertEquals(200, send("PATCH", ada, "/tasks/" + task, Map.of("completed", true)).status());
    assertEquals(200, send("PATCH", ada, "/lists/" + list, Map.of("title", "House")).status());
    assertEquals(200, send("DELETE", ada, "/lists/" + list, null).status());

    List<String> expected = List.of("list.created", "task.created", "task.updated", "task.completed",
        "list.updated", "list.deleted", "task.deleted");
    await("7 events, got " + all.types(), () -> all.loopback.received().size() >= expected.size());
    Thread.sleep(500); // nothing more is to come
    assertEquals(Set.copyOf(expected), Set.copyOf(all.types()));
    assertEquals(expected.size(), all.types().size(), all.types().toString());
    assertEquals(0, all.unverified.get());
    Map<String, JsonNode> byType = all.events().stream()
        .collect(Collectors.toMap(e -> e.path("type").asText(), e -> e));
    assertEquals("Paint it", byType.get("task.updated").path("data").path("title").asText());
    assertEquals("the fence", byType.get("task.updated").path("data").path("description").asText());
    assertTrue(byType.get("task.completed").path("data").path("completed").asBoolean());
    assertEquals("House", byType.get("list.updated").path("data").path("title").asText());
    assertEquals(task, byType.get("task.deleted").path("data").path("uuid").asText());
    assertEquals(List.of("uuid"), fieldNames(byType.get("task.deleted").path("data")));
    assertEquals(list, byType.get("list.deleted").path("data").path("uuid").asText());
    Set<String> ids = all.loopback.received().stream()
        .map(d -> d.headers().get("webhook-id").getFirst()).collect(Collectors.toSet());
    assertEquals(expected.size(), ids.size(), "one id per event");
  }

  @Test
  void aWebhookGetsOnlyItsOwnersEventsOfTheTypesItSubscribedTo() throws Exception {
    Account ada = api.newAccount();
    Account bob = api.newAccount();
    Receiver completions = receiver(() -> 204);
    register(ada, completions, List.of("task.completed"));

    String task = api.createTask(ada, Map.of("title", "t", "description", "")).json().path("task").path("uuid")
        .asText();
    api.createTask(bob, Map.of("title", "bob's", "description", ""));
    send("PATCH", ada, "/tasks/" + task, Map.of("completed", true));

    await("the completion", () -> !completions.loopback.received().isEmpty());
    Thread.sleep(1000);
    assertEquals(List.of("task.completed"), completions.types());
  }

  @Test
  void aReceiverThatFailsFiveTimesThenAcceptsSeesOneEventIdAndTheRunEnds() throws Exception {
    Account ada = api.newAccount();
    AtomicInteger failuresLeft = new AtomicInteger(5);
    Receiver flaky = receiver(() -> failuresLeft.getAndDecrement() > 0 ? 503 : 204);
    register(ada, flaky, List.of("task.created"));

    api.createTask(ada, Map.of("title", "retried", "description", ""));

    await("six attempts", () -> flaky.loopback.received().size() >= 6);
    Thread.sleep(2000); // a seventh would have come after the 1 s pause
    assertEquals(6, flaky.loopback.received().size());
    assertEquals(0, flaky.unverified.get(), "every attempt signed anew and verified");
    Set<String> ids = flaky.loopback.received().stream()
        .map(d -> d.headers().get("webhook-id").getFirst()).collect(Collectors.toSet());
    assertEquals(1, ids.size(), "one event id on every retry: " + ids);
    Set<String> bodies = flaky.loopback.received().stream().map(Delivery::body).collect(Collectors.toSet());
    assertEquals(1, bodies.size(), "the same body on every retry");
    JsonNode webhook = webhook(ada, flaky.webhookId);
    assertEquals(0, webhook.path("consecutive_failures").asInt(), webhook.toString());
    assertEquals(0, webhook.path("failure_count").asInt(), webhook.toString());
    assertEquals("the receiver answered 503", webhook.path("last_error").asText());
    assertTrue(webhook.path("disabled_at").isNull());
  }

  @Test
  void anEventThatNeverGetsThroughIsDeadLetteredCountedAndDisablesUntilATestIsDelivered() throws Exception {
    Account ada = api.newAccount();
    AtomicInteger status = new AtomicInteger(500);
    Receiver down = receiver(status::get);
    register(ada, down, List.of("task.created"));

    api.createTask(ada, Map.of("title", "lost cause", "description", ""));

    await("seven attempts and the dead letter",
        () -> webhook(ada, down.webhookId).path("failure_count").asInt() == 1);
    JsonNode disabled = webhook(ada, down.webhookId);
    assertEquals(7, down.loopback.received().size());
    assertEquals(7, disabled.path("consecutive_failures").asInt(), disabled.toString());
    assertEquals("the receiver answered 500", disabled.path("last_error").asText());
    assertFalse(disabled.path("disabled_at").isNull(), disabled.toString());

    api.createTask(ada, Map.of("title", "not sent", "description", ""));
    Thread.sleep(2000);
    assertEquals(7, down.loopback.received().size(), "a disabled webhook gets nothing");

    status.set(204);
    Response test = send("POST", ada, "/webhooks/" + down.webhookId + "/test", null);
    assertEquals(true, test.json().path("delivered").asBoolean(), test.text());
    JsonNode enabled = webhook(ada, down.webhookId);
    assertTrue(enabled.path("disabled_at").isNull(), enabled.toString());
    assertEquals(0, enabled.path("consecutive_failures").asInt());
    assertEquals(1, enabled.path("failure_count").asInt(), "the dead letter stays counted");

    api.createTask(ada, Map.of("title", "sent again", "description", ""));
    await("the next event", () -> down.types().contains("task.created") && down.loopback.received().size() >= 9);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
