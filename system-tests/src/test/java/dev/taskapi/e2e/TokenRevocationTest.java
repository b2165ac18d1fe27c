package dev.taskapi.e2e;

import static dev.taskapi.e2e.AccountEndpointsTest.changePassword;
import static dev.taskapi.e2e.AccountEndpointsTest.deleteAccount;
import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorizer refuses tokens of a deleted account and tokens issued before a password change. With the
 * template's 60 s authorizer cache that takes up to 60 s to show; this stack sets the cache to 0 so the
 * authorizer (and its one GetItem) runs on every request, and the refusal is immediate.
 */
class TokenRevocationTest {
  private static LocalStack stack;
  private static ApiClient api;

  @BeforeAll
  static void start() throws IOException {
    stack =
        LocalStack.start(
            LocalApi.options(Files.createTempDirectory("taskapi-revocation-"))
                .withParameterOverrides(Map.of("AuthorizerCacheTtlSeconds", "0")));
    api = new ApiClient(stack.baseUri());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private Response me(String bearer) {
    return api.send("GET", "/auth/me", null, "Authorization", bearer);
  }

  @Test
  void aPasswordChangeRevokesEveryEarlierToken() {
    Account ada = api.newAccount();
    String earlier = api.login(ada.email(), ada.password()).json().path("token").asText();

    Response changed = changePassword(api, ada, ada.password(), "a brand new passphrase");

    assertEquals(200, changed.status(), changed.text());
    assertProblem(me(ada.bearer()), 401);
    assertProblem(me("Bearer " + earlier), 401);
    assertProblem(api.listTasks(ada, ""), 401);
    assertEquals(200, me("Bearer " + changed.json().path("token").asText()).status());
  }

  /**
   * A token already used (so cached, under the template's 60 s) is refused as soon as its session is logged out
   * once the gateway asks the authorizer again: the cache period is the only window (SessionEndTest covers the
   * template's cache with tokens the gateway never cached).
   */
  @Test
  void aUsedTokenOfALoggedOutSessionIsRefusedWhenTheAuthorizerRuns() {
    Account ada = api.newAccount();
    Response laptop = api.login(ada.email(), ada.password());
    String laptopToken = "Bearer " + laptop.json().path("token").asText();
    assertEquals(200, me(laptopToken).status());

    Response loggedOut = api.post("/auth/logout",
        Map.of("refresh_token", laptop.json().path("refresh_token").asText()), "Authorization", laptopToken);

    assertEquals(200, loggedOut.status(), loggedOut.text());
    assertProblem(me(laptopToken), 401);
    assertEquals(200, me(ada.bearer()).status(), "the registration's session is another one");
  }

  @Test
  void aDeletedAccountsTokenIs401() {
    Account ada = api.newAccount();
    assertEquals(201, api.createTask(ada, Map.of("title", "t")).status());

    Response deleted = deleteAccount(api, ada, ada.password());

    assertEquals(200, deleted.status(), deleted.text());
    assertProblem(me(ada.bearer()), 401);
    assertProblem(api.createTask(ada, Map.of("title", "ghost")), 401);
  }

  @Test
  void aReRegisteredEmailDoesNotReviveTheOldAccountsToken() {
    Account ada = api.newAccount();
    assertEquals(200, deleteAccount(api, ada, ada.password()).status());
    assertEquals(200, api.register("new owner", ada.email(), "another passphrase").status());

    assertProblem(me(ada.bearer()), 401);
  }
}
