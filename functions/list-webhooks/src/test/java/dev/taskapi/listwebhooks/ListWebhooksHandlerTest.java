package dev.taskapi.listwebhooks;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.Webhook;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListWebhooksHandlerTest {
  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
  private final ListWebhooksHandler handler = new ListWebhooksHandler(webhooks, Cors.none());

  private JsonNode list(String userId) {
    return assertJson(Lambda.invoke(handler, Requests.asUser(Requests.empty(), userId), null), 200);
  }

  @Test
  void listsTheCallersWebhooksInCreationOrderWithTheirFailuresAndNeverTheSecret() {
    webhooks.create(new Webhook("0195abcd-0000-7000-8000-000000000002", "user-alice", "https://b.example.com/",
        List.of("task.created"), Optional.empty(), "whsec_secret2", TestCrypto.NOW.plusSeconds(1), 3,
        Optional.of("the receiver answered 500"), Optional.of(TestCrypto.NOW.plusSeconds(2)), 9,
        Optional.of(TestCrypto.NOW.plusSeconds(3))), "alice@example.com");
    webhooks.create(Webhook.registered("0195abcd-0000-7000-8000-000000000001", "user-alice", "https://a.example.com/",
        List.of("list.updated", "task.deleted"), Optional.of("CI"), "whsec_secret1", TestCrypto.NOW), "alice@example.com");
    webhooks.create(Webhook.registered("0195abcd-0000-7000-8000-000000000003", "user-bob", "https://c.example.com/",
        List.of("task.created"), Optional.empty(), "whsec_secret3", TestCrypto.NOW), "bob@example.com");

    JsonNode body = list("user-alice");

    assertEquals(List.of("webhooks"), fieldNames(body));
    JsonNode first = body.get("webhooks").get(0);
    assertEquals(List.of("uuid", "url", "events", "description", "created_at", "failure_count", "last_error",
        "last_error_at", "consecutive_failures", "disabled_at"), fieldNames(first));
    assertEquals("https://a.example.com/", first.get("url").asText());
    assertEquals("CI", first.get("description").asText());
    assertEquals(0, first.get("failure_count").asInt());
    JsonNode second = body.get("webhooks").get(1);
    assertEquals(3, second.get("failure_count").asInt());
    assertEquals("the receiver answered 500", second.get("last_error").asText());
    assertEquals("2025-03-04T05:06:09.089Z", second.get("last_error_at").asText());
    assertEquals(9, second.get("consecutive_failures").asInt());
    assertEquals("2025-03-04T05:06:10.089Z", second.get("disabled_at").asText());
    assertTrue(first.get("disabled_at").isNull());
    assertEquals(2, body.get("webhooks").size());
    assertEquals(-1, body.toString().indexOf("whsec_"));
    assertEquals(0, list("user-carol").get("webhooks").size());
  }
}
