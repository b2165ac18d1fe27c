package dev.taskapi.createwebhook;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.User;
import dev.taskapi.domain.WebhookEvents;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.webhooks.ReceiverPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateWebhookHandlerTest {
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore(users);
  /** AWS's policy, with a resolver that knows two names: one public, one private. */
  private final CreateWebhookHandler handler =
      new CreateWebhookHandler(webhooks, new ReceiverPolicy(CreateWebhookHandlerTest::resolve, false), TestCrypto.CLOCK,
          Cors.none());
  private final User alice = new User("user-alice", "alice", "alice@example.com", "hash", TestCrypto.NOW);

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    return switch (host) {
      case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
      case "intranet.example.com" -> new InetAddress[] {InetAddress.getByName("10.20.30.40")};
      default -> InetAddress.getAllByName(host); // IP literals: no lookup
    };
  }

  private APIGatewayProxyResponseEvent post(String body) {
    users.create(alice);
    return Lambda.invoke(handler, Requests.asCaller(Requests.json(body), alice.id(), alice.email()), null);
  }

  private static String body(String url) {
    return "{\"url\":\"" + url + "\",\"events\":[\"task.created\",\"list.deleted\"]}";
  }

  @Test
  void registersTheWebhookAndShowsItsSecretOnceIn201() {
    APIGatewayProxyResponseEvent response =
        post("{\"url\":\"https://hooks.example.com/in\",\"events\":[\"task.completed\"],\"description\":\"CI\"}");

    JsonNode body = assertJson(response, 201);
    assertEquals(List.of("message", "webhook", "secret"), fieldNames(body));
    assertEquals("Webhook created", body.get("message").asText());
    assertTrue(body.get("secret").asText().matches("whsec_[A-Za-z0-9+/]{43}="), body.get("secret").asText());
    JsonNode webhook = body.get("webhook");
    assertEquals(List.of("uuid", "url", "events", "description", "created_at", "failure_count", "last_error",
        "last_error_at", "consecutive_failures", "disabled_at"), fieldNames(webhook));
    assertEquals("https://hooks.example.com/in", webhook.get("url").asText());
    assertEquals("task.completed", webhook.get("events").get(0).asText());
    assertEquals(0, webhook.get("failure_count").asInt());
    assertTrue(webhook.get("last_error").isNull());
    String id = webhook.get("uuid").asText();
    assertEquals(body.get("secret").asText(), webhooks.find(alice.id(), id).orElseThrow().secret());
    assertTrue(!webhooks.find(alice.id(), id).orElseThrow().toString().contains("whsec_"), "toString hides it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://hooks.example.com/", "https://intranet.example.com/", "https://127.0.0.1/",
      "https://169.254.169.254/latest/meta-data/", "https://[::ffff:127.0.0.1]/", "https://0x7f.0.0.1/",
      "https://2130706433/", "https://[fd00::1]/", "https://0.0.0.0/", "https://user:pw@hooks.example.com/"})
  void aReceiverTheGuardRefusesIs400NamingTheUrlAndStoresNothing(String url) {
    JsonNode problem = assertProblem(post(body(url)), 400);

    assertEquals(List.of("url"), invalidParamNames(problem));
    assertEquals(List.of(), webhooks.all(alice.id()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"url\":\"https://hooks.example.com/\"}",
      "{\"url\":\"https://hooks.example.com/\",\"events\":[\"task.moved\"]}",
      "{\"url\":\"https://hooks.example.com/\",\"events\":[\"webhook.test\"]}",
      "{\"url\":\"https://hooks.example.com/\",\"events\":[]}",
      "{\"url\":null,\"events\":[\"task.created\"]}",
      "{\"url\":\"https://hooks.example.com/\",\"events\":[\"task.created\"],\"description\":7}", "[]", "nope"})
  void everyBadBodyIs400ProblemJsonAndStoresNothing(String body) {
    APIGatewayProxyResponseEvent response = post(body);

    assertProblem(response, 400);
    assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
    assertEquals(List.of(), webhooks.all(alice.id()));
  }

  @Test
  void anEventOutsideTheListIsNamedInInvalidParams() {
    assertEquals(List.of("events"),
        invalidParamNames(assertProblem(post("{\"url\":\"https://hooks.example.com/\",\"events\":[\"task.moved\"]}"),
            400)));
  }

  @Test
  void pastTenWebhooksIs409() {
    for (int i = 0; i < WebhookEvents.MAX_PER_ACCOUNT; i++) {
      assertJson(post(body("https://hooks.example.com/" + i)), 201);
    }

    JsonNode problem = assertProblem(post(body("https://hooks.example.com/11")), 409);
    assertEquals("An account has at most 10 webhooks; delete one first.", problem.get("detail").asText());
    assertEquals(WebhookEvents.MAX_PER_ACCOUNT, webhooks.all(alice.id()).size());
  }

  @Test
  void aDeletedAccountIs404() {
    users.create(alice);
    users.delete(alice);

    assertProblem(Lambda.invoke(handler, Requests.asCaller(Requests.json(body("https://hooks.example.com/")),
        alice.id(), alice.email()), null), 404);
  }
}
