package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What API Gateway itself answers: the authorizer's 401s, unknown routes, CORS preflight. */
class GatewayBehaviourTest {
  private final LocalApi local = LocalApi.shared();
  private final ApiClient api = local.client();

  @Test
  void aMissingAuthorizationHeaderIs401WithBearerChallenge() {
    Response response = api.send("GET", "/tasks", null);

    assertEquals(401, response.status(), response.text());
    assertEquals("Bearer", response.header("WWW-Authenticate").orElse(""));
    assertProblem(response, 401);
  }

  @Test
  void badTokensAre401AndNeverReachTheHandler() {
    Account ada = api.newAccount();
    byte[] key = local.signingKey();
    Instant now = Instant.now();
    String expired =
        JWT.create().withSubject(ada.id()).withIssuer("task-api").withAudience("task-api-clients")
            .withIssuedAt(now.minusSeconds(7200)).withExpiresAt(now.minusSeconds(3600)).sign(Algorithm.HMAC256(key));
    String wrongAudience =
        JWT.create().withSubject(ada.id()).withIssuer("task-api").withAudience("someone-else")
            .withIssuedAt(now).withExpiresAt(now.plusSeconds(600)).sign(Algorithm.HMAC256(key));
    String otherKey =
        JWT.create().withSubject(ada.id()).withIssuer("task-api").withAudience("task-api-clients")
            .withIssuedAt(now).withExpiresAt(now.plusSeconds(600))
            .sign(Algorithm.HMAC256("another key that is long enough to be 256 bits"));
    String[] parts = ada.token().split("\\.");
    String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    String tampered = parts[0] + "." + b64("{\"sub\":\"someone-else\"}") + "." + parts[2];

    for (String header :
        new String[] {
          "Bearer " + expired,
          "Bearer " + wrongAudience,
          "Bearer " + otherKey,
          "Bearer " + unsigned,
          "Bearer " + tampered,
          "Bearer " + ada.token().substring(0, ada.token().length() - 5),
          "bearer " + ada.token(),
          ada.token(),
          "Basic dXNlcjpwYXNz",
          "Bearer " + "a".repeat(3000) + ".b.c"
        }) {
      Response response = api.send("GET", "/tasks", null, "Authorization", header);
      assertEquals(401, response.status(), header + " -> " + response.text());
      assertProblem(response, 401);
    }
    assertEquals(200, api.listTasks(ada, "").status(), "the genuine token still works");
  }

  @Test
  void oneTokenIsAllowedOnEveryRouteDespiteTheAuthorizerCache() {
    Account ada = api.newAccount();
    assertEquals(200, api.listTasks(ada, "").status());
    String id = api.createTask(ada, Map.of("title", "x")).json().path("task").path("uuid").asText();
    assertEquals(200, api.deleteTask(ada, id).status());
  }

  @Test
  void unknownRoutesAndMethodsAre404Json() {
    Account ada = api.newAccount();
    for (Response response :
        new Response[] {
          api.send("GET", "/nope", null),
          api.send("GET", "/nope", null, "Authorization", ada.bearer()),
          api.send("PUT", "/tasks", "{}", "Authorization", ada.bearer()),
          api.send("GET", "/auth", null),
          api.send("GET", "/tasks/a/b", null, "Authorization", ada.bearer())
        }) {
      assertEquals(404, response.status(), response.text());
      assertProblem(response, 404);
    }
  }

  @Test
  void corsPreflightAnswersForTheConfiguredOriginOnly() {
    Response preflight =
        api.send("OPTIONS", "/tasks", null, "Origin", "http://localhost:3000", "Access-Control-Request-Method", "POST");
    assertEquals(200, preflight.status());
    assertEquals("http://localhost:3000", preflight.header("Access-Control-Allow-Origin").orElse(""));

    Account ada = api.newAccount();
    Response allowed = api.send("GET", "/tasks", null, "Authorization", ada.bearer(), "Origin", "http://localhost:3000");
    Response other = api.send("GET", "/tasks", null, "Authorization", ada.bearer(), "Origin", "https://evil.example");
    assertEquals("http://localhost:3000", allowed.header("Access-Control-Allow-Origin").orElse(""));
    assertTrue(other.header("Access-Control-Allow-Origin").isEmpty());
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
