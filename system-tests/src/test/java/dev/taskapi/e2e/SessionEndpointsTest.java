package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions end to end, as a client uses them: sign in, refresh, log out. Every answer is also checked against
 * openapi.yaml ({@link ApiClient}); the attacks are in {@code SessionAttacksTest}.
 */
class SessionEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private static final List<String> SIGN_IN_FIELDS = List.of("message", "user", "token", "refresh_token", "expires_in");

  private static List<String> fields(Response response) {
    List<String> names = new ArrayList<>();
    response.json().fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void registerAndLoginAnswerARefreshTokenAndTheAccessTokensLifetime() {
    String email = "session-" + java.util.UUID.randomUUID() + "@example.com";
    Response registered = api.register("ada", email, "correct horse battery");
    Response login = api.login(email, "correct horse battery");

    for (Response signIn : List.of(registered, login)) {
      assertEquals(200, signIn.status(), signIn.text());
      assertEquals(SIGN_IN_FIELDS, fields(signIn));
      assertEquals(900, signIn.json().path("expires_in").asInt(), "TokenTtlSeconds' default");
    }
    assertNotEquals(registered.json().path("refresh_token").asText(), login.json().path("refresh_token").asText());
  }

  @Test
  void aRefreshAnswersANewPairWhoseAccessTokenWorksAndWhoseRefreshTokenIsNext() {
    Account ada = api.newAccount();
    String first = api.login(ada.email(), ada.password()).json().path("refresh_token").asText();

    Response refreshed = api.refresh(first);

    assertEquals(200, refreshed.status(), refreshed.text());
    assertEquals(SIGN_IN_FIELDS, fields(refreshed));
    assertEquals("Token refreshed", refreshed.json().path("message").asText());
    assertEquals(ada.id(), refreshed.json().path("user").path("id").asText());
    Response me = api.send("GET", "/auth/me", null, "Authorization", "Bearer " + refreshed.json().path("token").asText());
    assertEquals(200, me.status(), me.text());
    Response next = api.refresh(refreshed.json().path("refresh_token").asText());
    assertEquals(200, next.status(), next.text());
  }

  @Test
  void aMissingRefreshTokenIs400AndAnUnknownOne401() {
    assertProblem(api.post("/auth/refresh", Map.of()), 400);
    Response unknown = api.refresh("not-a-refresh-token");
    assertProblem(unknown, 401);
    assertEquals("Bearer", unknown.header("WWW-Authenticate").orElseThrow());
  }

  @Test
  void logoutEndsTheSessionAndNeedsABearerToken() {
    Account ada = api.newAccount();
    String token = api.login(ada.email(), ada.password()).json().path("refresh_token").asText();

    assertProblem(api.post("/auth/logout", Map.of("refresh_token", token)), 401);
    assertProblem(api.logout(ada, Map.of()), 400);
    Response logout = api.logout(ada, Map.of("refresh_token", token));

    assertEquals(200, logout.status(), logout.text());
    assertEquals("Logged out", logout.json().path("message").asText());
    assertProblem(api.refresh(token), 401);
  }
}
