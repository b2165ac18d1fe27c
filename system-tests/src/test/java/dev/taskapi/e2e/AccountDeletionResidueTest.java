package dev.taskapi.e2e;

import static dev.taskapi.e2e.AccountEndpointsTest.deleteAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deleting an account leaves nothing of it in the table (SECURITY.md; the review's finding 4): the whole local table
 * is scanned for the account's user id and email, in keys and in values at any depth, after an account has used
 * everything that writes a record (tasks, an Idempotency-Key, sessions, a logout, a wrong password, a pending
 * reset token and its mail window, a webhook with its signing secret and the webhook counter).
 */
class AccountDeletionResidueTest {
  private final LocalApi stack = LocalApi.shared();
  private final ApiClient api = stack.client();

  @Test
  void nothingOfADeletedAccountRemainsInTheTable() {
    Account ada = api.newAccount();
    assertEquals(201, api.createTask(ada, Map.of("title", "t")).status());
    assertEquals(201, api.post("/tasks", Map.of("title", "once"), "Authorization", ada.bearer(),
        "Idempotency-Key", "residue-" + ada.id()).status());
    Response second = api.login(ada.email(), ada.password());
    assertEquals(200, second.status());
    assertEquals(200, api.logout(ada, Map.of("refresh_token", second.json().path("refresh_token").asText()))
        .status()); // an ended session is listed on the account item
    assertEquals(200, api.login(ada.email(), ada.password()).status());
    assertEquals(401, api.login(ada.email(), "a wrong password").status());
    assertEquals(202, api.post("/auth/password-reset", Map.of("email", ada.email())).status());
    assertEquals(201, api.post("/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("task.created")),
        "Authorization", ada.bearer()).status());
    List<String> before = residue(ada);
    assertTrue(before.stream().anyMatch(key -> key.contains("|WEBHOOK#")), "a webhook: " + before);
    assertTrue(before.stream().anyMatch(key -> key.contains("|WEBHOOKS")), "its counter: " + before);
    assertTrue(before.stream().anyMatch(key -> key.startsWith("RESET#")), "a pending reset token: " + before);
    assertTrue(before.stream().anyMatch(key -> key.startsWith("RESETMAIL#")), "its mail window: " + before);

    Response deleted = deleteAccount(api, ada, ada.password());

    assertEquals(200, deleted.status(), deleted.text());
    assertEquals(List.of(), residue(ada));
  }

  /** The keys ({@code pk|sk}) of every item that holds the account's user id or email anywhere. */
  private List<String> residue(Account account) {
    String email = account.email().toLowerCase(Locale.ROOT);
    try (StackTable table = new StackTable(stack.stack())) {
      return table.snapshot().entrySet().stream()
          .filter(item -> item.getKey().toLowerCase(Locale.ROOT).contains(email) || item.getKey().contains(account.id())
              || item.getValue().values().stream().anyMatch(value -> mentions(value, account.id(), email)))
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  private static boolean mentions(AttributeValue value, String userId, String email) {
    if (value.s() != null) {
      String text = value.s().toLowerCase(Locale.ROOT);
      return text.contains(userId) || text.contains(email);
    }
    if (value.hasM()) {
      return value.m().entrySet().stream().anyMatch(entry -> entry.getKey().contains(userId)
          || mentions(entry.getValue(), userId, email));
    }
    if (value.hasL()) {
      return value.l().stream().anyMatch(element -> mentions(element, userId, email));
    }
    return value.hasSs() && value.ss().stream().anyMatch(text -> text.contains(userId) || text.contains(email));
  }
}
