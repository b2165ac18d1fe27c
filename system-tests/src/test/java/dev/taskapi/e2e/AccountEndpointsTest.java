package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.testing.TestAccounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET and DELETE /auth/me and POST /auth/password over real HTTP against the local stack. */
class AccountEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response me(Account account) {
    return api.send("GET", "/auth/me", null, "Authorization", account.bearer());
  }

  private Response deleteMe(Account account, String password) {
    return deleteAccount(api, account, password);
  }

  static Response deleteAccount(ApiClient api, Account account, String password) {
    return api.send("DELETE", "/auth/me", ApiClient.json(Map.of("password", password)), "Authorization", account.bearer());
  }

  static Response changePassword(ApiClient api, Account account, String current, String replacement) {
    return api.post(
        "/auth/password",
        Map.of("current_password", current, "new_password", replacement),
        "Authorization", account.bearer());
  }

  @Test
  void meIsTheCallersProfile() {
    Account ada = api.newAccount();

    Response response = me(ada);

    assertEquals(200, response.status(), response.text());
    assertEquals(ada.id(), response.json().path("user").path("id").asText());
    assertEquals(ada.email(), response.json().path("user").path("email").asText());
    assertEquals("user", response.json().path("user").path("username").asText());
    assertEquals(3, response.json().path("user").size(), "id, username and email only");
    assertProblem(api.send("GET", "/auth/me", null), 401);
  }

  @Test
  void deletingTheAccountRemovesItAndEveryTaskItOwns() {
    Account ada = api.newAccount();
    Account bob = api.newAccount();
    for (int i = 0; i < 30; i++) {
      assertEquals(201, api.createTask(ada, Map.of("title", "task " + i)).status());
    }
    assertEquals(201, api.createTask(bob, Map.of("title", "bob's")).status());

    Response deleted = deleteMe(ada, ada.password());

    assertEquals(200, deleted.status(), deleted.text());
    assertEquals("Account deleted", deleted.json().path("message").asText());
    assertProblem(api.login(ada.email(), ada.password()), 401);
    assertProblem(me(ada), 404);
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size());
    assertEquals(1, api.listTasks(bob, "").json().path("tasks").size());
    assertEquals(200, api.register("again", ada.email(), TestAccounts.NEW_PASSWORD).status(), "the email is free again");
  }

  @Test
  void aWrongPasswordDeletesNothing() {
    Account ada = api.newAccount();
    assertEquals(201, api.createTask(ada, Map.of("title", "keep me")).status());

    assertProblem(deleteMe(ada, "not my password"), 403);
    assertProblem(api.send("DELETE", "/auth/me", null, "Authorization", ada.bearer()), 400);

    assertEquals(200, me(ada).status());
    assertEquals(1, api.listTasks(ada, "").json().path("tasks").size());
  }

  @Test
  void changingThePasswordAnswersANewTokenAndTheOldPasswordStopsWorking() {
    Account ada = api.newAccount();

    Response changed = changePassword(api, ada, ada.password(), "a brand new passphrase");

    assertEquals(200, changed.status(), changed.text());
    assertEquals("Password changed", changed.json().path("message").asText());
    Account renewed = new Account(ada.id(), ada.email(), "a brand new passphrase", changed.json().path("token").asText());
    assertEquals(200, me(renewed).status());
    assertProblem(api.login(ada.email(), ada.password()), 401);
    assertEquals(200, api.login(ada.email(), "a brand new passphrase").status());
  }

  @Test
  void aWrongCurrentPasswordChangesNothing() {
    Account ada = api.newAccount();
    assertProblem(changePassword(api, ada, "not it at all", "a brand new passphrase"), 403);
    assertEquals(200, api.login(ada.email(), ada.password()).status());
  }
}
