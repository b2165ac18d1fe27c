package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import dev.taskapi.webhooks.testing.LoopbackReceiver.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST, GET, DELETE /webhooks and POST /webhooks/{webhook_id}/test over real HTTP against the local stack (every
 * answer checked against openapi.yaml by the client). A receiver on loopback (which the local stack's
 * WebhookReceivers default allows) receives the test event and checks its signature with the Standard Webhooks
 * project's own Java verifier, with the secret the 201 showed once.
 */
class WebhookEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalApi stack = LocalApi.shared();
  private final ApiClient api = stack.client();
  private volatile int answer = 204;
  private final LoopbackReceiver receiver = LoopbackReceiver.start(delivery -> answer);

  @AfterEach
  void stop() {
    receiver.close();
  }

  private String receiverUrl() {
    return receiver.url("127.0.0.1");
  }

  private Response send(String method, Account account, String path, Object body) {
    return api.send(method, path, body == null ? null : ApiClient.json(body), "Authorization", account.bearer());
  }

  private Response register(Account account, String url, List<String> events) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("events", events);
    return send("POST", account, "/webhooks", body);
  }

  @Test
  void aRegisteredWebhooksTestEventArrivesSignedAndTheLibraryVerifiesIt() throws Exception {
    Account ada = api.newAccount();
    Response created = register(ada, receiverUrl(), List.of("task.created", "task.completed"));
    assertEquals(201, created.status(), created.text());
    String secret = created.json().path("secret").asText();
    String id = created.json().path("webhook").path("uuid").asText();
    assertTrue(secret.startsWith("whsec_"), secret);

    Response outcome = send("POST", ada, "/webhooks/" + id + "/test", null);

    assertEquals(200, outcome.status(), outcome.text());
    assertEquals(true, outcome.json().path("delivered").asBoolean(), outcome.text());
    assertEquals(204, outcome.json().path("status").asInt());
    assertEquals(1, receiver.received().size());
    Delivery delivery = receiver.received().getFirst();
    new Webhook(secret).verify(delivery.body(), delivery.headers()); // throws on a bad signature
    assertEquals(List.of(outcome.json().path("message_id").asText()), delivery.headers().get("webhook-id"));
    JsonNode event = JSON.readTree(delivery.body());
    assertEquals("webhook.test", event.path("type").asText());
    assertEquals(id, event.path("data").path("uuid").asText());
    assertEquals(-1, delivery.body().indexOf(secret), "the event never carries the secret");
  }

  @Test
  void theListShowsFailureFieldsButNeverTheSecretAndADeleteIs204Then404() {
    Account ada = api.newAccount();
    Response created = register(ada, receiverUrl(), List.of("list.deleted"));
    String id = created.json().path("webhook").path("uuid").asText();

    Response listed = send("GET", ada, "/webhooks", null);
    assertEquals(200, listed.status());
    assertEquals(1, listed.json().path("webhooks").size());
    assertEquals(0, listed.json().path("webhooks").get(0).path("failure_count").asInt());
    assertTrue(listed.json().path("webhooks").get(0).path("last_error").isNull());
    assertEquals(-1, listed.text().indexOf("whsec_"));
    assertEquals(0, send("GET", api.newAccount(), "/webhooks", null).json().path("webhooks").size(), "owner only");
    assertEquals(404, send("DELETE", api.newAccount(), "/webhooks/" + id, null).status(), "someone else's");

    Response deleted = send("DELETE", ada, "/webhooks/" + id, null);
    assertEquals(204, deleted.status(), deleted.text());
    assertEquals(404, send("DELETE", ada, "/webhooks/" + id, null).status());
    assertEquals(404, send("POST", ada, "/webhooks/" + id + "/test", null).status());
    assertEquals(0, send("GET", ada, "/webhooks", null).json().path("webhooks").size());
  }

  @Test
  void aFailingReceiverIsAnUndeliveredOutcomeNotA5xx() {
    Account ada = api.newAccount();
    String id = register(ada, receiverUrl(), List.of("task.deleted")).json().path("webhook").path("uuid").asText();
    answer = 503;

    Response outcome = send("POST", ada, "/webhooks/" + id + "/test", null);

    assertEquals(200, outcome.status(), outcome.text());
    assertEquals(false, outcome.json().path("delivered").asBoolean());
    assertEquals(503, outcome.json().path("status").asInt());
    assertEquals("the receiver answered 503", outcome.json().path("error").asText());
  }

  /** Locally loopback is allowed; every other non-public form is refused at registration, as on AWS. */
  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.1/hook", "https://169.254.169.254/latest/meta-data/",
      "https://[fd00::1]/", "https://[fe80::1]/", "https://100.64.0.1/", "https://0x7f.0.0.1/",
      "https://2130706433/", "https://0177.0.0.1/", "https://0.0.0.0/", "https://[::ffff:10.0.0.1]/",
      "https://192.168.1.1/", "https://172.16.0.1/", "ftp://127.0.0.1/", "https://user:pw@127.0.0.1/"})
  void aReceiverTheGuardRefusesIs400NamingTheUrlAndNothingIsWritten(String url) {
    Account ada = api.newAccount();

    Response refused = register(ada, url, List.of("task.created"));

    assertEquals(400, refused.status(), refused.text());
    assertEquals("url", refused.json().path("invalid_params").get(0).path("name").asText());
    assertEquals(0, send("GET", ada, "/webhooks", null).json().path("webhooks").size());
  }

  @Test
  void badBodiesAre400AndTheEleventhWebhookIs409() {
    Account ada = api.newAccount();
    for (String body : new String[] {"{}", "{\"url\":\"" + receiverUrl() + "\",\"events\":[\"task.moved\"]}",
        "{\"url\":\"" + receiverUrl() + "\",\"events\":[]}", "[]", "{\"url\":\"" + receiverUrl()
        + "\",\"events\":[\"task.created\"],\"description\":7}"}) {
      Response response = api.send("POST", "/webhooks", body, "Authorization", ada.bearer());
      assertEquals(400, response.status(), body);
      assertEquals("application/problem+json", response.headers().get("content-type").getFirst());
    }
    assertEquals("events", api.send("POST", "/webhooks", "{\"url\":\"" + receiverUrl() + "\",\"events\":[\"nope\"]}",
        "Authorization", ada.bearer()).json().path("invalid_params").get(0).path("name").asText());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Response created = register(ada, receiverUrl() + "/" + i, List.of("task.created"));
      assertEquals(201, created.status(), created.text());
      ids.add(created.json().path("webhook").path("uuid").asText());
    }

    assertEquals(409, register(ada, receiverUrl(), List.of("task.created")).status());
    assertEquals(204, send("DELETE", ada, "/webhooks/" + ids.getFirst(), null).status());
    assertEquals(201, register(ada, receiverUrl(), List.of("task.created")).status(), "a place freed");
  }
}
