package dev.taskapi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.api.MessageResponse;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.snapstart.Priming;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.EmfSpec;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.Responses;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one structured line {@link ApiHandler} logs per request: queryable fields, and never a secret. */
class RequestLogTest {
  private static final String PASSWORD = "correct-horse-battery-staple";
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXNlY3JldA";
  private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

  private static class Endpoint extends ApiHandler {
    private final Function<ApiRequest, ApiResponse> logic;

    Endpoint(Function<ApiRequest, ApiResponse> logic) {
      super(Cors.none());
      this.logic = logic;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
      return logic.apply(request);
    }
  }

  /** A POST as API Gateway delivers it behind the authorizer, carrying every kind of secret we handle. */
  private static APIGatewayProxyRequestEvent secretLadenRequest() {
    APIGatewayProxyRequestEvent event =
        Requests.asUser(
            Requests.json("{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\"}"), "user-1");
    event = Requests.withHeader(event, "Authorization", "Bearer " + TOKEN);
    ProxyRequestContext context = event.getRequestContext();
    context.setRequestId("api-req-42");
    return event.withResource("/tasks").withPath("/tasks").withHttpMethod("POST");
  }

  private static List<JsonNode> requestLines(CapturingContext context) {
    ObjectMapper json = new ObjectMapper();
    return context.lines().stream()
        .filter(line -> line.startsWith("{"))
        .map(
            line -> {
              assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
              try {
                return json.readTree(line);
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
              }
            })
        .toList();
  }

  @Test
  void oneJsonLinePerRequestWithTheQueryableFields() {
    CapturingContext context = new CapturingContext();
    Lambda.invoke(new Endpoint(request -> ApiResponse.created(new MessageResponse("ok"))), secretLadenRequest(), context);

    List<JsonNode> lines = requestLines(context);
    assertEquals(1, lines.size(), context.lines().toString());
    JsonNode line = lines.getFirst();
    assertEquals("req-0001", line.get("request_id").asText());
    assertEquals("api-req-42", line.get("api_request_id").asText());
    assertEquals("test", line.get("function").asText());
    assertEquals("POST", line.get("method").asText());
    assertEquals("/tasks", line.get("route").asText());
    assertEquals(201, line.get("status").asInt());
    assertTrue(line.get("latency_ms").canConvertToLong() && line.get("latency_ms").asLong() >= 0);
    assertEquals("user-1", line.get("user_id").asText());
  }

  @Test
  void errorsAreLoggedWithTheirStatusAndAnonymousCallsWithoutUserId() {
    CapturingContext context = new CapturingContext();
    Lambda.invoke(new Endpoint(request -> {
          throw new InvalidRequestException("Bad.");
        }), Requests.json("{}").withResource("/auth").withHttpMethod("POST"), context);
    JsonNode line = requestLines(context).getFirst();
    assertEquals(400, line.get("status").asInt());
    assertFalse(line.has("user_id"), line.toString());
  }

  @Test
  void theLineCarriesNoBodyHeaderTokenPasswordOrHash() {
    CapturingContext context = new CapturingContext();
    var response =
        Lambda.invoke(new Endpoint(request -> ApiResponse.ok(new Echo(TOKEN, HASH, request.jsonObjectBody().toString()))), secretLadenRequest(), context);
    // The response did carry them (so a careless logger had them to hand)...
    assertTrue(Responses.body(response).toString().contains(PASSWORD));

    JsonNode line = requestLines(context).getFirst();
    String text = line.toString();
    for (String secret : List.of(PASSWORD, TOKEN, HASH, "Bearer", "ada@example.com", "argon2id", "eyJ")) {
      assertFalse(text.contains(secret), "log line leaks " + secret + ": " + text);
    }
    // ...and the line has no field where one could go.
    Set<String> fields = new TreeSet<>();
    line.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        Set.of(
            "request_id", "api_request_id", "function", "method", "route", "status", "latency_ms", "user_id",
            // the Embedded Metric Format members, every one fixed by RequestMetrics
            "_aws", "Operation", "Requests", "Latency", "Status4xx", "Status5xx"),
        fields);
  }

  @Test
  void unexpectedFaultsStillGetTheirRequestLine() {
    CapturingContext context = new CapturingContext();
    Lambda.invoke(new Endpoint(request -> {
          throw new IllegalStateException("boom");
        }), secretLadenRequest(), context);
    assertEquals(500, requestLines(context).getFirst().get("status").asInt());
  }

  @Test
  void theLineIsAValidEmfDocumentCountingTheRequestByItsTemplateRoute() {
    CapturingContext context = new CapturingContext();
    Lambda.invoke(new Endpoint(request -> ApiResponse.created(new MessageResponse("ok"))), secretLadenRequest().withResource("/tasks/{task_id}").withPath("/tasks/42"), context);

    JsonNode line = requestLines(context).getFirst();
    assertEquals(List.of(), EmfSpec.violations(line), line.toString());
    JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
    assertEquals("TaskApi", directive.get("Namespace").asText());
    assertEquals("[[\"Operation\"]]", directive.get("Dimensions").toString());
    // The dimension is the template's route, never the raw path (task ids) nor the user.
    assertEquals("POST /tasks/{task_id}", line.get("Operation").asText());
    assertEquals(1, line.get("Requests").asInt());
    assertEquals(line.get("latency_ms").asLong(), line.get("Latency").asLong());
    assertEquals(0, line.get("Status4xx").asInt());
    assertEquals(0, line.get("Status5xx").asInt());
    long age = System.currentTimeMillis() - line.at("/_aws/Timestamp").asLong();
    assertTrue(age >= 0 && age < 60_000, "Timestamp is now: " + line);
  }

  @Test
  void theStatusClassCountsAndTheBusinessMetricFollowTheResponse() {
    CapturingContext context = new CapturingContext();
    ApiHandler counting =
        new Endpoint(request -> {
              throw new InvalidRequestException("Bad.");
            }) {
          @Override
          protected String businessMetric(ApiResponse response) {
            return response.status() == 400 ? "RequestsRefused" : null;
          }
        };
    Lambda.invoke(counting, Requests.json("{}").withResource("/auth").withHttpMethod("POST"), context);
    Lambda.invoke(new Endpoint(request -> {
          throw new IllegalStateException("boom");
        }), secretLadenRequest(), context);

    List<JsonNode> lines = requestLines(context);
    lines.forEach(line -> assertEquals(List.of(), EmfSpec.violations(line), line.toString()));
    JsonNode refused = lines.get(0);
    assertEquals(1, refused.get("Status4xx").asInt());
    assertEquals(0, refused.get("Status5xx").asInt());
    assertEquals(1, refused.get("RequestsRefused").asInt());
    assertTrue(refused.at("/_aws/CloudWatchMetrics/0/Metrics").toString().contains("\"RequestsRefused\""));
    JsonNode failed = lines.get(1);
    assertEquals(0, failed.get("Status4xx").asInt());
    assertEquals(1, failed.get("Status5xx").asInt());
    assertFalse(failed.has("RequestsRefused"));
  }

  @Test
  void primingRequestsAndEventsWithoutARouteCountNowhere() {
    CapturingContext context = new CapturingContext();
    Endpoint endpoint = new Endpoint(request -> ApiResponse.ok(new MessageResponse("ok")));
    Priming.run(() -> Lambda.invoke(endpoint, secretLadenRequest(), context));
    Lambda.invoke(endpoint, Requests.json("{}").withHttpMethod("POST"), context); // no resource: not API Gateway's

    List<JsonNode> lines = requestLines(context);
    assertEquals(2, lines.size(), context.lines().toString());
    lines.forEach(line -> assertFalse(line.has("_aws"), line.toString()));
  }

  private record Echo(String token, String hash, String body) {}
}
