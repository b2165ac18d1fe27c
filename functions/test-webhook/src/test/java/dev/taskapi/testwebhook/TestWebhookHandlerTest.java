package dev.taskapi.testwebhook;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.webhooks.ReceiverPolicy;
import dev.taskapi.webhooks.WebhookSecret;
import dev.taskapi.webhooks.WebhookSender;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test send end to end inside one JVM: a receiver on loopback gets it and checks it with the
 * Standard Webhooks Java library; the resolver is the test's, so a name can change its answer between the
 * registration and the send.
 */
class TestWebhookHandlerTest {
  private static final String ALICE = "user-alice";
  private static final String HOOK = "0195abcd-0000-7000-8000-000000000001";

  private final String secret = WebhookSecret.generate();
  private final List<JsonNode> verified = new CopyOnWriteArrayList<>();
  /** Answers 204 to what the Standard Webhooks library verifies (and records it), 400 to anything else. */
  private final LoopbackReceiver receiver = LoopbackReceiver.start(delivery -> {
    try {
      new Webhook(secret).verify(delivery.body(), delivery.headers());
      verified.add(new ObjectMapper().readTree(delivery.body()));
      return 204;
    } catch (Exception e) {
      return 400;
    }
  });
  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
  /** What the receiver's name resolves to, one answer per lookup. */
  private final Queue<String> answers = new ArrayDeque<>();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private InetAddress[] resolve(String host) throws UnknownHostException {
    if (!host.equals("receiver.test")) {
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(answers.remove())};
  }

  private TestWebhookHandler handler(boolean loopbackAllowed, Clock clock) {
    return new TestWebhookHandler(webhooks, new ReceiverPolicy(this::resolve, loopbackAllowed),
        WebhookSender.standard(), clock, Cors.none());
  }

  private void register(String url) {
    webhooks.create(dev.taskapi.domain.Webhook.registered(HOOK, ALICE, url, List.of("task.created"),
        Optional.of("CI"), secret, TestCrypto.NOW), "alice@example.com");
  }

  private JsonNode send(TestWebhookHandler handler, String userId, String webhookId, int status) {
    return assertJson(Lambda.invoke(handler,
        Requests.withPath(Requests.asUser(Requests.empty(), userId), "webhook_id", webhookId), null), status);
  }

  @Test
  void aDeliveredTestEnablesAWebhookThatARunOfFailuresDisabled() {
    register(receiver.url("receiver.test"));
    webhooks.recordFailure(ALICE, HOOK, "the receiver answered 500", TestCrypto.NOW, true);
    webhooks.disable(ALICE, HOOK, TestCrypto.NOW);
    answers.add("127.0.0.1");

    send(handler(true, Clock.systemUTC()), ALICE, HOOK, 200);

    dev.taskapi.domain.Webhook after = webhooks.find(ALICE, HOOK).orElseThrow();
    assertTrue(after.enabled());
    assertEquals(0, after.consecutiveFailures());
    assertEquals(1, after.failureCount(), "the dead letter stays counted");
  }

  @Test
  void anUndeliveredTestLeavesADisabledWebhookDisabled() {
    register(receiver.url("receiver.test"));
    webhooks.disable(ALICE, HOOK, TestCrypto.NOW);
    answers.add("10.0.0.1");

    send(handler(true, Clock.systemUTC()), ALICE, HOOK, 200);

    assertEquals(Optional.of(TestCrypto.NOW), webhooks.find(ALICE, HOOK).orElseThrow().disabledAt());
  }

  @Test
  void sendsOneSignedWebhookTestEventThatTheLibraryVerifiesAnd200sTheOutcome() {
    register(receiver.url("receiver.test"));
    answers.add("127.0.0.1");

    JsonNode outcome = send(handler(true, Clock.systemUTC()), ALICE, HOOK, 200);

    assertEquals(List.of("delivered", "status", "error", "message_id"), fieldNames(outcome));
    assertEquals(true, outcome.get("delivered").asBoolean());
    assertEquals(204, outcome.get("status").asInt());
    assertTrue(outcome.get("error").isNull());
    assertTrue(outcome.get("message_id").asText().startsWith("msg_"));
    assertEquals(1, verified.size());
    JsonNode event = verified.getFirst();
    assertEquals(List.of("type", "timestamp", "data"), fieldNames(event));
    assertEquals("webhook.test", event.get("type").asText());
    assertEquals(HOOK, event.get("data").get("uuid").asText());
    assertEquals(-1, event.toString().indexOf("whsec_"), "the data never carries the secret");
  }

  @Test
  void aNameThatResolvedPublicAtRegistrationAndPrivateNowIsRefusedAndNothingIsSent() {
    register(receiver.url("receiver.test").replace("http:", "https:"));
    answers.add("169.254.169.254");

    JsonNode outcome = send(handler(false, Clock.systemUTC()), ALICE, HOOK, 200);

    assertEquals(false, outcome.get("delivered").asBoolean());
    assertTrue(outcome.get("status").isNull());
    assertEquals("refused: the URL must resolve to public addresses only", outcome.get("error").asText());
    answers.add("127.0.0.1");
    assertEquals("refused: the URL must resolve to public addresses only",
        send(handler(false, Clock.systemUTC()), ALICE, HOOK, 200).get("error").asText(), "rebound to loopback");
    assertEquals(List.of(), verified);
  }

  @Test
  void aReceiverThatFailsIsAnUndelivered200NotOurError() {
    register(receiver.url("receiver.test"));
    answers.add("127.0.0.1");
    // A timestamp far from now: the library refuses it (its tolerance is 5 minutes), the receiver answers 400.
    JsonNode outcome = send(handler(true, TestCrypto.CLOCK), ALICE, HOOK, 200);

    assertEquals(false, outcome.get("delivered").asBoolean());
    assertEquals(400, outcome.get("status").asInt());
    assertEquals("the receiver answered 400", outcome.get("error").asText());
  }

  @Test
  void someoneElsesOrAnAbsentWebhookIs404AndABadIdIs400() {
    register(receiver.url("receiver.test"));
    TestWebhookHandler handler = handler(true, Clock.systemUTC());

    assertProblem(Lambda.invoke(handler,
        Requests.withPath(Requests.asUser(Requests.empty(), "user-bob"), "webhook_id", HOOK), null), 404);
    assertProblem(Lambda.invoke(handler,
        Requests.withPath(Requests.asUser(Requests.empty(), ALICE), "webhook_id", "nope"), null), 400);
    assertEquals(List.of(), verified);
  }
}
