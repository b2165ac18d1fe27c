package dev.taskapi.local.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.lambda.LambdaEnvironment;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.lambda.LambdaLimits;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway over real HTTP with the test template's handlers (no DynamoDB needed for these routes). */
class LocalApiGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST_TOO_LONG = "{\"title\":\"Client error\",\"detail\":\"Request Too Long\"}";
  private static final MutableClock CLOCK = new MutableClock();
  private static LambdaFunctions functions;
  private static LambdaEnvironment environment;
  private static LocalApiGateway gateway;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    SamTemplate template = TemplateLoader.load(TestTemplates.testTemplate(), Map.of(), "us-east-1");
    environment = TestTemplates.unconnectedEnvironment(template);
    functions = new LambdaFunctions(template, environment, LambdaLimits.AWS.withInitTimeout(Duration.ofSeconds(1)));
    gateway = LocalApiGateway.start(template, functions, new InetSocketAddress("127.0.0.1", 0), CLOCK,
        LocalApiGateway.INTEGRATION_TIMEOUT);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    http.close();
    gateway.close();
    functions.close();
  }

  @BeforeEach
  void expireAuthorizerCache() {
    CLOCK.advance(Duration.ofHours(1));
  }

  private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int authorizerCalls() {
    return functions.get("AuthFunction").invocations();
  }

  private static JsonNode event(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("event");
  }

  @Test
  void unknownRouteAndWrongMethodAreMissingAuthenticationToken() throws Exception {
    for (HttpResponse<String> response : List.of(send("GET", "/nope", null, null),
        send("DELETE", "/items/1", "Bearer allow-u", null))) {
      assertEquals(404, response.statusCode());
      assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
      String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
      assertEquals("{\"title\":\"Not Found\",\"status\":404,\"requestId\":\"" + requestId + "\"}", response.body());
    }
  }

  @Test
  void buildsTheProxyEventLikeApiGateway() throws Exception {
    HttpResponse<String> response = send("GET", "/items/a%20b?x=1&y=two&x=3", "Bearer allow-alice", null);
    JsonNode event = event(response);
    assertEquals("/items/{id}", event.get("resource").asText());
    assertEquals("/items/a%20b", event.get("path").asText());
    assertEquals("GET", event.get("httpMethod").asText());
    assertEquals("a b", event.get("pathParameters").get("id").asText());
    assertEquals("3", event.get("queryStringParameters").get("x").asText());
    assertEquals("[\"1\",\"3\"]", event.get("multiValueQueryStringParameters").get("x").toString());
    assertEquals("Bearer allow-alice", event.get("headers").get("Authorization").asText());
    assertTrue(event.get("headers").has("User-Agent"), event.get("headers").toString());
    assertTrue(event.get("body").isNull());
    assertTrue(event.get("stageVariables").isNull());
    JsonNode context = event.get("requestContext");
    assertEquals("123456789012", context.get("accountId").asText());
    assertEquals("test", context.get("stage").asText());
    // The path the client used: local URLs have no stage segment (functions derive their URL prefix from it).
    assertEquals("/items/a%20b", context.get("path").asText());
    assertEquals("/items/{id}", context.get("resourcePath").asText());
    assertEquals("127.0.0.1", context.get("identity").get("sourceIp").asText());
    assertEquals(response.headers().firstValue("x-amzn-RequestId").orElseThrow(), context.get("requestId").asText());
    JsonNode authorizer = context.get("authorizer");
    assertEquals("alice", authorizer.get("principalId").asText());
    assertEquals("alice", authorizer.get("userId").asText());
    assertEquals("42", authorizer.get("n").asText());
    assertEquals("true", authorizer.get("admin").asText());
  }

  @Test
  void passesTheEnvironmentAndContext() throws Exception {
    JsonNode body = JSON.readTree(send("POST", "/public", null, "{\"a\":1}").body());
    assertEquals("{\"a\":1}", body.get("event").get("body").asText());
    assertTrue(body.get("event").get("requestContext").get("authorizer").isNull());
    JsonNode env = body.get("env");
    // The template's variables, Lambda's own, and the local stack's two endpoints: nothing else.
    Set<String> names = new TreeSet<>();
    env.fieldNames().forEachRemaining(names::add);
    assertEquals(new TreeSet<>(Set.of("TABLE_NAME", "REGION_GREETING", "ECHO_PREFIX", "AUTH_ARN", "TABLE_ARN",
        "JOINED", "LANG", "PATH", "LD_LIBRARY_PATH", "_HANDLER", "AWS_EXECUTION_ENV", "AWS_REGION",
        "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT",
        "DYNAMODB_ENDPOINT", "SES_ENDPOINT", "LAMBDA_ENDPOINT")), names);
    assertEquals("ItemsTable", env.get("TABLE_NAME").asText());
    assertEquals("EchoFunction", env.get("AWS_LAMBDA_FUNCTION_NAME").asText());
    assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
    assertEquals("dev.taskapi.local.testhandlers.EchoHandler::handleRequest", env.get("_HANDLER").asText());
    assertEquals("AWS_Lambda_java25", env.get("AWS_EXECUTION_ENV").asText());
    assertEquals("on-demand", env.get("AWS_LAMBDA_INITIALIZATION_TYPE").asText());
    assertEquals("/aws/lambda/EchoFunction", env.get("AWS_LAMBDA_LOG_GROUP_NAME").asText());
    assertEquals(":UTC", env.get("TZ").asText());
    assertEquals("/var/task", env.get("LAMBDA_TASK_ROOT").asText());
    assertEquals(environment.credentials().get("EchoFunction").sessionToken(), env.get("AWS_SESSION_TOKEN").asText());
    assertEquals("EchoFunction", body.get("functionName").asText());
    assertTrue(body.get("remaining").asInt() > 0 && body.get("remaining").asInt() <= 5000);
  }

  @Test
  void mapsTheProxyResponseHeaders() throws Exception {
    HttpResponse<String> response = send("POST", "/public", null, "x");
    assertEquals("one", response.headers().firstValue("X-Single").orElseThrow());
    assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
  }

  @Test
  void missingOrMalformedTokenIsUnauthorizedWithoutCallingTheAuthorizer() throws Exception {
    int before = authorizerCalls();
    for (String token : new String[] {null, "", "Basic abc", "Bearer UPPER"}) {
      HttpResponse<String> response = send("GET", "/items/1", token, null);
      assertEquals(401, response.statusCode());
      assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertEquals("{\"title\":\"Unauthorized\",\"status\":401}", response.body());
    }
    assertEquals(before, authorizerCalls());
  }

  /**
   * A tab after "Bearer" is part of the header's value (RFC 9110 section 5.5 allows HTAB inside a field value),
   * and API Gateway gives a TOKEN authorizer the value as sent ("Input to an API Gateway Lambda
   * authorizer"), so the validation expression, which asks for one space, refuses it: 401 before the authorizer
   * runs. Written on a socket, so that no client library rewrites the tab.
   */
  @Test
  void aTabAfterBearerIsUnauthorizedWithoutCallingTheAuthorizer() throws Exception {
    int before = authorizerCalls();
    assertEquals("HTTP/1.1 401", statusLine(getOnASocket("/items/1", "Bearer\tallow-dave")));
    assertEquals(before, authorizerCalls());
    assertEquals("HTTP/1.1 200", statusLine(getOnASocket("/items/1", "Bearer allow-dave")));
    assertEquals(before + 1, authorizerCalls());
  }

  /**
   * The validation expression sees each request's header as that request sent it, even where an earlier request on
   * the same connection sent the same value in another case (an HTTP server may reuse parsed headers).
   */
  @Test
  void eachRequestOnAConnectionIsValidatedAsItSpellsTheHeader() throws Exception {
    int before = authorizerCalls();
    String responses = onASocket(get("/items/1", "Bearer allow-erin", "keep-alive")
        + get("/items/1", "bearer allow-erin", "close"));
    assertEquals(List.of("HTTP/1.1 200", "HTTP/1.1 401"), statusLines(responses));
    assertEquals(before + 1, authorizerCalls());
  }

  /**
   * What the HTTP server refuses to parse (a malformed percent-escape, a path above the root, a NUL, a folded
   * header line) still gets the gateway's own answer, the template's for a request that names no resource, never
   * the server's HTML page.
   */
  @Test
  void aRequestTheHttpServerCannotParseGetsTheGatewaysAnswer() throws Exception {
    for (String request : List.of(get("/items/%ZZ", "Bearer allow-fay", "close"),
        get("/%2e%2e/items/1", "Bearer allow-fay", "close"), get("/items/%00", "Bearer allow-fay", "close"),
        get("/items/1", "Bearer\r\n allow-fay", "close"))) {
      String response = onASocket(request);
      assertEquals("HTTP/1.1 404", statusLine(response), response);
      assertTrue(response.contains("\r\nContent-Type: application/problem+json\r\n"), response);
      assertTrue(response.contains("{\"title\":\"Not Found\",\"status\":404,"), response);
    }
  }

  @Test
  void aRequestTheHttpServerCannotParseEndsItsConnectionAndSaysSo() throws Exception {
    // Jetty closes the connection after it; without "Connection: close" a client that kept the connection sends
    // its next request into a closed socket and gets no answer (FuzzTest found it: DELETE /lists after /%ZZ).
    String response = onASocket(get("/items/%ZZ", "Bearer allow-fay", "keep-alive"));
    assertEquals("HTTP/1.1 404", statusLine(response), response);
    assertTrue(response.contains("\r\nConnection: close\r\n"), response);
  }

  private static String getOnASocket(String path, String authorization) throws IOException {
    return onASocket(get(path, authorization, "close"));
  }

  private static String get(String path, String authorization, String connection) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
        + "\r\nConnection: " + connection + "\r\n\r\n";
  }

  /** Writes {@code requests} as they are, without any client library between, and reads until the server closes. */
  private static String onASocket(String requests) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.getOutputStream().write(requests.getBytes(ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
    }
  }

  private static String statusLine(String response) {
    return statusLines(response).getFirst();
  }

  private static List<String> statusLines(String responses) {
    return Pattern.compile("HTTP/1\\.1 \\d{3}").matcher(responses).results().map(MatchResult::group).toList();
  }

  @Test
  void authorizerThrowingUnauthorizedIs401() throws Exception {
    HttpResponse<String> response = send("GET", "/items/1", "Bearer unauthorized", null);
    assertEquals(401, response.statusCode());
    assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow());
  }

  @Test
  void denyAndPolicyForAnotherMethodAre403() throws Exception {
    HttpResponse<String> denied = send("GET", "/items/1", "Bearer deny", null);
    assertEquals(403, denied.statusCode());
    assertEquals("application/problem+json", denied.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{\"title\":\"Client error\",\"detail\":"
        + "\"User is not authorized to access this resource with an explicit deny\"}", denied.body());

    assertEquals(200, send("GET", "/items/1", "Bearer getonly", null).statusCode());
    // The cached policy allows only GET: the same token on POST is denied without a new authorizer call.
    int before = authorizerCalls();
    HttpResponse<String> post = send("POST", "/items", "Bearer getonly", "{}");
    assertEquals(403, post.statusCode());
    assertEquals(before, authorizerCalls());
    assertEquals(403, send("GET", "/items/1", "Bearer other", null).statusCode());
  }

  @Test
  void authorizerCrashIs500() throws Exception {
    HttpResponse<String> response = send("GET", "/items/1", "Bearer boom", null);
    assertEquals(500, response.statusCode());
    assertEquals("{\"message\":null}", response.body());
  }

  @Test
  void cachesTheAuthorizerResultPerTokenForTheTtl() throws Exception {
    int before = authorizerCalls();
    assertEquals(200, send("GET", "/items/1", "Bearer allow-bob", null).statusCode());
    assertEquals(200, send("GET", "/items/2", "Bearer allow-bob", null).statusCode());
    assertEquals(401, send("GET", "/items/1", "Bearer unauthorized", null).statusCode());
    assertEquals(401, send("GET", "/items/1", "Bearer unauthorized", null).statusCode());
    assertEquals(before + 2, authorizerCalls());
    CLOCK.advance(Duration.ofSeconds(301));
    assertEquals(200, send("GET", "/items/1", "Bearer allow-bob", null).statusCode());
    assertEquals(before + 3, authorizerCalls());
  }

  @Test
  void handlerExceptionOrAClassMissingFromTheFunctionsJarIs502() throws Exception {
    for (String path : List.of("/fail", "/no-jackson")) {
      HttpResponse<String> response = send("GET", path, null, null);
      assertEquals(502, response.statusCode(), path);
      assertEquals("{\"message\": \"Internal server error\"}", response.body(), path);
    }
  }

  @Test
  void handlerPastItsTimeoutIs502() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = send("GET", "/slow", null, null);
    assertEquals(502, response.statusCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2_900);
  }

  @Test
  void bodyOverTenMegabytesIsRequestTooLargeBeforeLambda() throws Exception {
    int before = functions.get("StreamFunction").invocations();
    HttpResponse<String> tooLarge = send("POST", "/stream", null, "x".repeat(LocalApiGateway.MAX_BODY_BYTES + 1));
    assertEquals(413, tooLarge.statusCode());
    assertEquals(REQUEST_TOO_LONG, tooLarge.body());
    assertEquals(before, functions.get("StreamFunction").invocations());
  }

  @Test
  void eventOverLambdasSixMegabytesIsRequestTooLarge() throws Exception {
    // A 6 MiB body makes an event over Lambda's 6,291,456 bytes: Lambda refuses it, the function never runs.
    int before = functions.get("StreamFunction").invocations();
    HttpResponse<String> refused = send("POST", "/stream", null, "x".repeat(6_291_456));
    assertEquals(413, refused.statusCode());
    assertEquals(REQUEST_TOO_LONG, refused.body());
    assertEquals(before, functions.get("StreamFunction").invocations());

    HttpResponse<String> accepted = send("POST", "/stream", null, "x".repeat(6_200_000));
    assertEquals(200, accepted.statusCode(), accepted.body());
    int eventBytes = Integer.parseInt(accepted.body().substring("eventBytes=".length()));
    assertTrue(eventBytes > 6_200_000 && eventBytes <= 6_291_456, accepted.body());
  }

  @Test
  void responseOverLambdasLimitIs502() throws Exception {
    HttpResponse<String> atLimit = send("GET", "/stream?responseBytes=6291556", null, null);
    assertEquals(200, atLimit.statusCode());
    assertEquals(6_291_556 - "{\"statusCode\":200,\"body\":\"\"}".length(), atLimit.body().length());

    HttpResponse<String> over = send("GET", "/stream?responseBytes=6291557", null, null);
    assertEquals(502, over.statusCode());
    assertEquals("{\"message\": \"Internal server error\"}", over.body());
  }

  @Test
  void aMalformedProxyResponseIs502() throws Exception {
    // Not JSON, JSON but not an object, null, an object without statusCode: API Gateway's "Malformed Lambda proxy
    // response".
    for (String raw : List.of("oops", "42", "null", "%7B%7D")) {
      HttpResponse<String> response = send("GET", "/stream?raw=" + raw, null, null);
      assertEquals(502, response.statusCode(), raw);
      assertEquals("{\"message\": \"Internal server error\"}", response.body(), raw);
    }
  }

  @Test
  void integrationTimeoutIs504() throws Exception {
    // SlowFunction sleeps past its 1 s Timeout; a gateway that waits 300 ms gives up first, as API Gateway does
    // at 29 s.
    SamTemplate template = TemplateLoader.load(TestTemplates.testTemplate(), Map.of(), "us-east-1");
    try (LocalApiGateway impatient = LocalApiGateway.start(template, functions,
        new InetSocketAddress("127.0.0.1", 0), CLOCK, Duration.ofMillis(300))) {
      long started = System.nanoTime();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + impatient.port() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      assertEquals(504, response.statusCode());
      assertEquals("{\"message\": \"Endpoint request timed out\"}", response.body());
      assertTrue(millis >= 300 && millis < 1_000, millis + " ms");
    }
  }

  @Test
  void initPastItsLimitIsRetriedWithinTheInvocation() throws Exception {
    // Init takes 1.5 s: abandoned at the (shortened) 1 s limit, then run again under the 5 s Timeout.
    long started = System.nanoTime();
    HttpResponse<String> response = send("GET", "/slow-init", null, null);
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(millis >= 2_500, millis + " ms");
    int remaining = JSON.readTree(response.body()).get("remainingMillis").asInt();
    assertTrue(remaining > 0 && remaining <= 3_500, "the second Init counted against the Timeout: " + remaining);

    started = System.nanoTime();
    assertEquals(200, send("GET", "/slow-init", null, null).statusCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1_000, "warm now");
  }

  @Test
  void initPastItsLimitAndTheTimeoutIs502() throws Exception {
    // Init takes 3 s: abandoned at 1 s, then stopped by the 1 s Timeout of the invocation that retried it.
    long started = System.nanoTime();
    HttpResponse<String> response = send("GET", "/slower-init", null, null);
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertEquals(502, response.statusCode());
    assertTrue(millis >= 2_000 && millis < 3_900, millis + " ms");
  }

  /**
   * The gateway's 413, also for heads over Jetty's default limit (8 KB) and over the limit the gateway gives it,
   * which Jetty refuses before the gateway sees the request.
   */
  @Test
  void headersOverTenKilobytesAreRequestTooLarge() throws Exception {
    for (int size : new int[] {LocalApiGateway.MAX_HEADER_BYTES, 100 * 1024, HttpListener.PARSER_HEADER_LIMIT}) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/public"))
          .header("X-Big", "y".repeat(size))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(413, response.statusCode(), size + " bytes");
      assertEquals(REQUEST_TOO_LONG, response.body(), size + " bytes");
    }
  }

  @Test
  void corsPreflightAnswersWithoutAuthorizer() throws Exception {
    HttpResponse<String> response = send("OPTIONS", "/items/1", null, null);
    assertEquals(200, response.statusCode());
    assertEquals("http://localhost:5173", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertEquals("Authorization,Content-Type",
        response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
    assertEquals("GET,POST,OPTIONS", response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
    assertEquals("600", response.headers().firstValue("Access-Control-Max-Age").orElseThrow());
    assertEquals(404, send("OPTIONS", "/nope", null, null).statusCode());
  }

  @Test
  void greedyProxyRoute() throws Exception {
    JsonNode event = event(send("PUT", "/files/a/b.txt", "Bearer allow-carol", "data"));
    assertEquals("/files/{proxy+}", event.get("resource").asText());
    assertEquals("a/b.txt", event.get("pathParameters").get("proxy").asText());
    assertNull(event.get("queryStringParameters").textValue());
  }
}
