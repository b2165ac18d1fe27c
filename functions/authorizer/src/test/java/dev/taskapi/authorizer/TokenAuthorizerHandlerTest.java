package dev.taskapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.auth.TokenService;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.Lambda;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAuthorizerHandlerTest {
  // The authorizer module keeps the AWS SDK and BouncyCastle out of its classpath, so its tests build what they
  // need from the shared main code alone rather than depending on the shared test fixtures.
  private static final byte[] KEY = "authorizer-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String ISSUER = "task-api";
  private static final String AUDIENCE = "task-api-clients";
  private static final String USER = "0b9c6a5e-3f1d-4c1e-9a57-6f0d2b8e4a11";
  private static final String EMAIL = "ada@example.com";
  private static final String SESSION = "k3Jx2vQn8sPbL0aWcYt5Rg";
  private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/tasks";

  private final TokenService tokens = new TokenService(KEY, ISSUER, AUDIENCE, Duration.ofHours(1), CLOCK);
  private final java.util.Set<String> revokedUsers = new java.util.HashSet<>();
  private final TokenAuthorizerHandler handler =
      new TokenAuthorizerHandler(tokens, token -> !revokedUsers.contains(token.userId()));

  @Test
  void aWellSignedTokenOfARevokedAccountIsRefused() {
    revokedUsers.add(USER);
    assertUnauthorized("Bearer " + tokens.issue(USER, EMAIL, 0, SESSION));
  }

  private static APIGatewayCustomAuthorizerEvent event(String authorization, String methodArn) {
    APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
    event.setType("TOKEN");
    event.setAuthorizationToken(authorization);
    event.setMethodArn(methodArn);
    return event;
  }

  /** The answer as API Gateway receives it: the JSON the handler writes. */
  private JsonNode authorize(String authorization) {
    return Lambda.invokeJson(handler, event(authorization, METHOD_ARN), null);
  }

  private void assertUnauthorized(String authorization) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> authorize(authorization), String.valueOf(authorization));
    assertEquals("Unauthorized", e.getMessage());
  }

  @Test
  void validTokenAllowsTheWholeApiStage() {
    JsonNode response = authorize("Bearer " + tokens.issue(USER, EMAIL, 0, SESSION));
    assertEquals(USER, response.get("principalId").textValue());
    String exp = Long.toString(NOW.plus(Duration.ofHours(1)).getEpochSecond());
    assertEquals(new ObjectMapper().valueToTree(Map.of("userId", USER, "email", EMAIL, "exp", exp)),
        response.get("context"), "exp for the functions, every value a string");

    JsonNode policy = response.get("policyDocument");
    assertEquals("2012-10-17", policy.get("Version").asText());
    JsonNode statements = policy.get("Statement");
    assertEquals(1, statements.size(), policy.toString());
    JsonNode statement = statements.get(0);
    assertEquals("Allow", statement.get("Effect").asText());
    assertEquals("execute-api:Invoke", statement.get("Action").asText());
    JsonNode resource = statement.get("Resource");
    assertEquals(1, resource.size(), resource.toString());
    assertEquals("arn:aws:execute-api:us-east-1:123456789012:abc123/v1/*", resource.get(0).asText());
  }

  @Test
  void policyCoversEveryRouteOfTheStageForAnyMethodArn() {
    String token = "Bearer " + tokens.issue(USER, EMAIL, 0, SESSION);
    for (String arn :
        new String[] {
          "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/DELETE/tasks/0195-abc",
          "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/POST/tasks",
          "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/"
        }) {
      JsonNode response = Lambda.invokeJson(handler, event(token, arn), null);
      JsonNode resource = response.get("policyDocument").get("Statement").get(0).get("Resource");
      assertEquals("arn:aws:execute-api:us-east-1:123456789012:abc123/v1/*", resource.get(0).asText(), arn);
    }
  }

  @Test
  void wholeApiKeepsOnlyApiAndStage() {
    assertEquals(
        "arn:aws:execute-api:eu-west-1:111122223333:xyz789/prod/*",
        TokenAuthorizerHandler.wholeApi("arn:aws:execute-api:eu-west-1:111122223333:xyz789/prod/PUT/a/b/c"));
    assertThrows(IllegalArgumentException.class, () -> TokenAuthorizerHandler.wholeApi("arn:aws:execute-api:nothing"));
    assertThrows(IllegalArgumentException.class, () -> TokenAuthorizerHandler.wholeApi(null));
  }

  @Test
  void tokenWithoutBearerPrefixIsUnauthorized() {
    assertUnauthorized(tokens.issue(USER, EMAIL, 0, SESSION));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer ", "BEARER ", "Basic ", "Bearer", "Bearer  ", "Token ", " Bearer "})
  void otherSchemesOrSpellingsAreUnauthorized(String prefix) {
    assertUnauthorized(prefix + tokens.issue(USER, EMAIL, 0, SESSION));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer ", "Bearer garbage", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.e30."})
  void invalidTokenIsUnauthorized(String header) {
    assertUnauthorized(header);
  }

  @Test
  void missingHeaderIsUnauthorized() {
    assertUnauthorized(null);
    assertUnauthorized("");
  }

  @Test
  void expiredTokenIsUnauthorized() {
    TokenService earlier =
        new TokenService(KEY, ISSUER, AUDIENCE, Duration.ofHours(1), Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC));
    assertUnauthorized("Bearer " + earlier.issue(USER, EMAIL, 0, SESSION));
  }

  @Test
  void tokenSignedWithAnotherKeyIsUnauthorized() {
    String forged =
        JWT.create()
            .withSubject(USER)
            .withIssuer(ISSUER)
            .withAudience(AUDIENCE)
            .withIssuedAt(NOW)
            .withExpiresAt(NOW.plusSeconds(60))
            .sign(Algorithm.HMAC256("another-key-another-key-another-key!"));
    assertUnauthorized("Bearer " + forged);
  }

  @Test
  void unauthorizedFailureHasNoStackTraceOrCause() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> authorize("Bearer nope"));
    assertEquals(0, e.getStackTrace().length);
    assertEquals(null, e.getCause());
  }

  @Test
  void logsOneLinePerDecisionWithoutTheToken() throws Exception {
    String token = tokens.issue(USER, EMAIL, 0, SESSION);
    String arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/DELETE/tasks/1";
    CapturingContext allowed = new CapturingContext();
    Lambda.invokeJson(handler, event("Bearer " + token, arn), allowed);
    CapturingContext denied = new CapturingContext();
    assertThrows(RuntimeException.class, () -> Lambda.invokeJson(handler, event("Bearer " + token + "x", arn), denied));

    ObjectMapper json = new ObjectMapper();
    JsonNode allow = json.readTree(allowed.lines().getFirst());
    assertEquals(1, allowed.lines().size());
    assertEquals("req-0001", allow.get("request_id").asText());
    assertEquals("DELETE", allow.get("method").asText());
    assertEquals("/tasks/1", allow.get("route").asText());
    assertEquals(200, allow.get("status").asInt());
    assertEquals(USER, allow.get("user_id").asText());
    JsonNode deny = json.readTree(denied.lines().getFirst());
    assertEquals(401, deny.get("status").asInt());
    assertFalse(deny.has("user_id"));
    for (String line : List.of(allowed.lines().getFirst(), denied.lines().getFirst())) {
      assertFalse(line.contains(token.substring(0, 20)) || line.contains("Bearer"), line);
    }
  }
}
