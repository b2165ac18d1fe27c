package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What API Gateway itself answers: the authorizer's 401s, unknown routes, CORS preflight. */
class GatewayBehaviourTest {
  /** CorsAllowOrigin's default, which the shared stack runs with. */
  private static final String ORIGIN = "http://localhost:3000";

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
    String expired = local.expiredToken(ada);
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

  /**
   * The template's IdentityValidationExpression asks for "Bearer", one space and a JWT. API Gateway applies it to
   * the Authorization header as sent ("Input to an API Gateway Lambda authorizer"), and a tab inside a
   * header value is the client's (RFC 9110 section 5.5), so a tab in place of the space is refused before the
   * authorizer runs. Written on a socket, so that no client library rewrites the tab.
   */
  @Test
  void aTabInPlaceOfTheSpaceAfterBearerIs401WithoutCallingTheAuthorizer() throws IOException {
    Account ada = api.newAccount();
    var authorizer = local.stack().runtime().functions().get("AuthorizerFunction");
    int before = authorizer.invocations();

    String refused = getOnASocket("/tasks", "Bearer\t" + ada.token());
    assertTrue(refused.startsWith("HTTP/1.1 401 "), refused);
    assertTrue(refused.contains("\"title\":\"Unauthorized\""), refused);
    assertEquals(before, authorizer.invocations());

    String allowed = getOnASocket("/tasks", "Bearer " + ada.token());
    assertTrue(allowed.startsWith("HTTP/1.1 200 "), allowed);
  }

  private String getOnASocket(String path, String authorization) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", local.stack().port())) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
          + authorization + "\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
    }
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

  /**
   * API Gateway's own answers let the allowed origin read them, with the same exposed headers as the functions'
   * answers: a 401 for a missing or an expired token, a 404 for an unknown route, a 413 for a body over 10 MB.
   * (Every other type, rendered from the template, in GatewayResponsesTest; a 500 from a failing authorizer in
   * FaultInjectionTest.)
   */
  @Test
  void theGatewaysOwnAnswersCarryTheCorsHeadersOfTheAllowedOrigin() {
    Account ada = api.newAccount();
    Response fromFunction = api.send("GET", "/tasks", null, "Authorization", ada.bearer(), "Origin", ORIGIN);
    assertEquals(200, fromFunction.status());
    String exposed = fromFunction.header("Access-Control-Expose-Headers").orElseThrow();

    Map<String, Response> answers = new LinkedHashMap<>();
    answers.put("no token", api.send("GET", "/tasks", null, "Origin", ORIGIN));
    answers.put("expired token", api.send("GET", "/tasks", null, "Authorization", "Bearer " + local.expiredToken(ada),
        "Origin", ORIGIN));
    answers.put("unknown route", api.send("GET", "/nope", null, "Origin", ORIGIN));
    answers.put("body over 10 MB", api.send("POST", "/tasks", "x".repeat(10 * 1024 * 1024 + 1),
        "Authorization", ada.bearer(), "Origin", ORIGIN));
    Map<String, Integer> statuses = Map.of("no token", 401, "expired token", 401, "unknown route", 404,
        "body over 10 MB", 413);
    answers.forEach((what, response) -> {
      assertEquals(statuses.get(what), response.status(), what + ": " + response.text());
      assertProblem(response, response.status());
      assertEquals(ORIGIN, response.header("Access-Control-Allow-Origin").orElse(null), what);
      assertEquals(exposed, response.header("Access-Control-Expose-Headers").orElse(null), what);
    });
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
