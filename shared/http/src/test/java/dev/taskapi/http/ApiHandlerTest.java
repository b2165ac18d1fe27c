package dev.taskapi.http;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.TaskListResponse;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.DomainException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.PayloadTooLargeException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.UnsupportedMediaTypeException;
import dev.taskapi.schema.AuthorizerContext;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiHandlerTest {
  private static final String ORIGIN = "https://app.example.com";

  /** A handler whose endpoint logic is the given function. */
  private static final class Endpoint extends ApiHandler {
    private final Function<ApiRequest, ApiResponse> logic;

    Endpoint(Cors cors, Function<ApiRequest, ApiResponse> logic) {
      super(cors);
      this.logic = logic;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
      return logic.apply(request);
    }
  }

  private static APIGatewayProxyResponseEvent respond(Function<ApiRequest, ApiResponse> logic) {
    return Lambda.invoke(new Endpoint(Cors.none(), logic), Requests.empty(), new CapturingContext());
  }

  private static APIGatewayProxyResponseEvent throwing(RuntimeException e) {
    return respond(request -> {
      throw e;
    });
  }

  static Stream<Arguments> domainExceptions() {
    return Stream.of(
        Arguments.of(new InvalidRequestException("Bad input."), 400, "Bad Request"),
        Arguments.of(new UnsupportedMediaTypeException("Send JSON."), 415, "Unsupported Media Type"),
        Arguments.of(new PayloadTooLargeException("Too big."), 413, "Content Too Large"),
        Arguments.of(new AuthenticationFailedException("Who are you?"), 401, "Unauthorized"),
        Arguments.of(new NotFoundException("Nothing here."), 404, "Not Found"),
        Arguments.of(new ConflictException("Already there."), 409, "Conflict"),
        Arguments.of(new ServiceUnavailableException("Try later.", 3), 503, "Service Unavailable"));
  }

  @ParameterizedTest
  @MethodSource("domainExceptions")
  void eachDomainExceptionBecomesItsProblemResponse(DomainException e, int status, String title) {
    APIGatewayProxyResponseEvent response = throwing(e);
    JsonNode body = assertProblem(response, status);
    assertEquals(title, body.get("title").asText());
    assertEquals(e.detail(), body.get("detail").asText());
    assertEquals(List.of("type", "title", "status", "detail"), fieldNames(body), "no invalid_params without field errors");
    assertFalse(response.getIsBase64Encoded());
  }

  @Test
  void validationProblemListsInvalidParams() {
    APIGatewayProxyResponseEvent response =
        throwing(
            new InvalidRequestException(
                "The request has invalid fields.",
                List.of(new FieldError("email", "must be a valid email address"), new FieldError("password", "is required"))));
    JsonNode body = assertProblem(response, 400);
    assertEquals("The request has invalid fields.", body.get("detail").asText());
    JsonNode params = body.get("invalid_params");
    assertEquals(2, params.size());
    assertEquals("email", params.get(0).get("name").asText());
    assertEquals("must be a valid email address", params.get(0).get("reason").asText());
    assertEquals("password", params.get(1).get("name").asText());
    assertEquals("is required", params.get(1).get("reason").asText());
    assertEquals(List.of("name", "reason"), fieldNames(params.get(0)));
  }

  @Test
  void unauthorizedCarriesBearerChallenge() {
    assertEquals("Bearer", throwing(new AuthenticationFailedException("No.")).getHeaders().get("WWW-Authenticate"));
  }

  @Test
  void serviceUnavailableCarriesRetryAfter() {
    APIGatewayProxyResponseEvent response = throwing(new ServiceUnavailableException("Try later.", 7));
    assertEquals("7", response.getHeaders().get("Retry-After"));
  }

  @Test
  void onlyTheStatusesThatNeedThemCarryChallengeOrRetryHeaders() {
    APIGatewayProxyResponseEvent notFound = throwing(new NotFoundException("No."));
    assertNull(notFound.getHeaders().get("WWW-Authenticate"));
    assertNull(notFound.getHeaders().get("Retry-After"));
  }

  @Test
  void unexpectedExceptionIsA500ThatRevealsNothing() {
    CapturingContext context = new CapturingContext();
    APIGatewayProxyResponseEvent response =
        Lambda.invoke(new Endpoint(Cors.none(), request -> {
              throw new IllegalStateException("db password=s3cr3t at table Users");
            }), Requests.empty(), context);
    JsonNode body = assertProblem(response, 500);
    assertEquals("Internal Server Error", body.get("title").asText());
    assertEquals("The server could not answer this request.", body.get("detail").asText());
    assertFalse(response.getBody().contains("s3cr3t"), response.getBody());
    assertFalse(response.getBody().contains("IllegalStateException"), response.getBody());
    assertFalse(response.getBody().contains("Users"), response.getBody());
    // ...but the operator finds the cause in the function's log, with the request id (before the request line).
    assertEquals(2, context.lines().size());
    assertTrue(context.lines().getFirst().contains("s3cr3t"));
    assertTrue(context.lines().getFirst().contains("req-0001"));
  }

  @Test
  void anExpiredTokenTheGatewayCachedGetsTheGatewaysOwn401AndTheHandlerNeverRuns() {
    long now = java.time.Instant.now().getEpochSecond();
    var ran = new java.util.concurrent.atomic.AtomicBoolean();
    Endpoint endpoint = new Endpoint(Cors.none(), request -> {
      ran.set(true);
      return ApiResponse.ok(new TaskListResponse(List.of(), null));
    });
    APIGatewayProxyRequestEvent expired = Requests.asUser(Requests.empty(), "u");
    expired.getRequestContext().getAuthorizer().put(AuthorizerContext.EXPIRES_AT, Long.toString(now));
    APIGatewayProxyResponseEvent refused = Lambda.invoke(endpoint, expired, null);
    assertEquals(401, refused.getStatusCode());
    assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
        + "\"detail\":\"A valid bearer token is required.\"}", refused.getBody(), "template.yaml's UNAUTHORIZED body");
    assertEquals("Bearer", refused.getHeaders().get("WWW-Authenticate"));
    assertEquals("application/problem+json", refused.getHeaders().get("Content-Type"));
    assertFalse(ran.get(), "exp is exact: the second it names is already too late");

    APIGatewayProxyRequestEvent valid = Requests.asUser(Requests.empty(), "u");
    valid.getRequestContext().getAuthorizer().put(AuthorizerContext.EXPIRES_AT, Long.toString(now + 60));
    assertEquals(200, Lambda.invoke(endpoint, valid, null).getStatusCode());
    assertEquals(200, Lambda.invoke(endpoint, Requests.asUser(Requests.empty(), "u"), null).getStatusCode(),
        "no exp in the context (an open route): nothing to check");
  }

  /**
   * The expired-token 401 is readable by the allowed origin, as the gateway's own is: it carries the function's CORS
   * headers. (The template's Access-Control-Allow-Origin is a !Sub of a parameter; read as a literal, it was sent as
   * "${CorsAllowOrigin}" over the function's own header.)
   */
  @Test
  void anExpiredTokensGateway401CarriesTheAllowedOriginsCorsHeaders() {
    Endpoint endpoint = new Endpoint(new Cors(ORIGIN), request -> ApiResponse.ok(new TaskListResponse(List.of(), null)));
    APIGatewayProxyRequestEvent expired = Requests.withHeader(Requests.asUser(Requests.empty(), "u"), "Origin", ORIGIN);
    expired.getRequestContext().getAuthorizer().put(AuthorizerContext.EXPIRES_AT, "1");
    APIGatewayProxyResponseEvent refused = Lambda.invoke(endpoint, expired, null);
    assertEquals(401, refused.getStatusCode());
    assertEquals(ORIGIN, refused.getHeaders().get("Access-Control-Allow-Origin"));
    assertEquals(Cors.EXPOSED_HEADERS, refused.getHeaders().get("Access-Control-Expose-Headers"));
  }

  @Test
  void nullPointerInHandlerIsAlsoA500() {
    assertProblem(throwing(new NullPointerException("x")), 500);
  }

  @Test
  void successIsSerializedAsSnakeCaseJsonWithTheBaseHeaders() {
    APIGatewayProxyResponseEvent response = respond(request -> ApiResponse.ok(new TaskListResponse(List.of(), null)));
    JsonNode body = assertJson(response, 200);
    assertEquals(List.of("tasks", "next_cursor"), fieldNames(body));
    assertTrue(body.get("next_cursor").isNull());
    assertEquals(201, respond(request -> ApiResponse.created(new TaskListResponse(List.of(), "c"))).getStatusCode());
  }

  @Test
  void everyResponseHasNoStoreAndNosniff() {
    List<APIGatewayProxyResponseEvent> responses =
        List.of(
            respond(request -> ApiResponse.ok(new TaskListResponse(List.of(), null))),
            throwing(new InvalidRequestException("x")),
            throwing(new AuthenticationFailedException("x")),
            throwing(new ServiceUnavailableException("x", 1)),
            throwing(new RuntimeException("x")));
    for (APIGatewayProxyResponseEvent response : responses) {
      assertEquals("no-store", response.getHeaders().get("Cache-Control"), response.toString());
      assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"), response.toString());
      assertEquals("no-referrer", response.getHeaders().get("Referrer-Policy"), response.toString());
    }
  }

  @Test
  void corsHeaderOnlyForTheConfiguredOrigin() {
    Endpoint endpoint = new Endpoint(new Cors(ORIGIN), request -> ApiResponse.ok(new TaskListResponse(List.of(), null)));

    var allowed = Lambda.invoke(endpoint, Requests.withHeader(Requests.empty(), "Origin", ORIGIN), null);
    assertEquals(ORIGIN, allowed.getHeaders().get("Access-Control-Allow-Origin"));
    assertEquals("ETag, Idempotent-Replayed, Retry-After, WWW-Authenticate", allowed.getHeaders().get("Access-Control-Expose-Headers"));
    assertEquals("Origin", allowed.getHeaders().get("Vary"));

    var lowerCaseHeaderName = Lambda.invoke(endpoint, Requests.withHeader(Requests.empty(), "origin", ORIGIN), null);
    assertEquals(ORIGIN, lowerCaseHeaderName.getHeaders().get("Access-Control-Allow-Origin"));

    for (String other : List.of("https://evil.example.com", ORIGIN + ".evil.com", "http://app.example.com", "null", "*", "")) {
      var denied = Lambda.invoke(endpoint, Requests.withHeader(Requests.empty(), "Origin", other), null);
      assertNull(denied.getHeaders().get("Access-Control-Allow-Origin"), other);
    }
    assertNull(Lambda.invoke(endpoint, Requests.empty(), null).getHeaders().get("Access-Control-Allow-Origin"));
  }

  @Test
  void corsHeaderAlsoOnErrorResponsesForTheConfiguredOrigin() {
    Endpoint endpoint = new Endpoint(new Cors(ORIGIN), request -> {
      throw new NotFoundException("No.");
    });
    var response = Lambda.invoke(endpoint, Requests.withHeader(Requests.empty(), "Origin", ORIGIN), null);
    assertEquals(404, response.getStatusCode());
    assertEquals(ORIGIN, response.getHeaders().get("Access-Control-Allow-Origin"));
  }

  @Test
  void noCorsConfiguredMeansNoCorsHeadersForAnyOrigin() {
    for (Cors cors : List.of(Cors.none(), new Cors(null), new Cors("  "))) {
      Endpoint endpoint = new Endpoint(cors, request -> ApiResponse.ok(new TaskListResponse(List.of(), null)));
      for (String origin : List.of("", " ", ORIGIN)) {
        APIGatewayProxyRequestEvent event = Requests.withHeader(Requests.empty(), "Origin", origin);
        assertNull(Lambda.invoke(endpoint, event, null).getHeaders().get("Access-Control-Allow-Origin"), origin);
      }
    }
  }

  @Test
  void malformedBodyThroughTheHandlerIsA400Problem() {
    Endpoint endpoint = new Endpoint(Cors.none(), request -> ApiResponse.ok(request.jsonObjectBody()));
    JsonNode body = assertProblem(Lambda.invoke(endpoint, Requests.json("{\"a\":"), null), 400);
    assertEquals("The request body is not valid JSON.", body.get("detail").asText());
    assertProblem(Lambda.invoke(endpoint, Requests.json("x".repeat(70_000)), null), 413);
    assertProblem(
        Lambda.invoke(endpoint, Requests.withHeader(Requests.json("{}"), "Content-Type", "text/plain"), null), 415);
    assertEquals(200, Lambda.invoke(endpoint, Requests.json("{}"), null).getStatusCode());
  }

  /**
   * The answer on the wire is API Gateway's proxy output ("Output format of a Lambda function for proxy
   * integration"): statusCode, headers, the body as a string, isBase64Encoded; nothing else.
   */
  @Test
  void writesTheProxyOutputFormat() throws Exception {
    byte[] out = Lambda.invokeRaw(new Endpoint(Cors.none(), request -> ApiResponse.created(Map.of("message", "ok"))),
        Lambda.json(Requests.empty()), null);
    JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
    List<String> members = new java.util.ArrayList<>();
    answer.fieldNames().forEachRemaining(members::add);
    assertEquals(List.of("statusCode", "headers", "body", "isBase64Encoded"), members);
    assertEquals(201, answer.get("statusCode").intValue());
    assertEquals("{\"message\":\"ok\"}", answer.get("body").textValue());
    assertEquals(false, answer.get("isBase64Encoded").booleanValue());
    assertEquals("application/json", answer.get("headers").get("Content-Type").textValue());
  }
}
