package dev.taskapi.deletewebhook;

import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.taskapi.domain.Webhook;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteWebhookHandlerTest {
  private static final String ALICE = "user-alice";
  private static final String HOOK = "0195abcd-0000-7000-8000-000000000001";

  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
  private final DeleteWebhookHandler handler = new DeleteWebhookHandler(webhooks, Cors.none());

  @BeforeEach
  void seed() {
    webhooks.create(Webhook.registered(HOOK, ALICE, "https://hooks.example.com/", List.of("task.created"),
        Optional.empty(), "whsec_secret", TestCrypto.NOW), "alice@example.com");
  }

  private APIGatewayProxyResponseEvent delete(String userId, String webhookId) {
    return Lambda.invoke(
        handler, Requests.withPath(Requests.asUser(Requests.empty(), userId), "webhook_id", webhookId), null);
  }

  @Test
  void deletesTheWebhookWith204AndNoBodyThen404() {
    APIGatewayProxyResponseEvent response = delete(ALICE, HOOK.toUpperCase());

    assertEquals(204, response.getStatusCode());
    assertTrue(response.getBody() == null || response.getBody().isEmpty(), response.getBody());
    assertEquals(Optional.empty(), webhooks.find(ALICE, HOOK));
    assertProblem(delete(ALICE, HOOK), 404);
  }

  @Test
  void someoneElsesWebhookIs404AndStaysAndABadIdIs400() {
    assertProblem(delete("user-bob", HOOK), 404);
    assertEquals(List.of("webhook_id"), invalidParamNames(assertProblem(delete(ALICE, "nope"), 400)));

    assertTrue(webhooks.find(ALICE, HOOK).isPresent());
  }
}
