package dev.taskapi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.PayloadTooLargeException;
import dev.taskapi.domain.UnsupportedMediaTypeException;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRequestTest {
  private static ObjectNode parse(APIGatewayProxyRequestEvent event) {
    return new ApiRequest(Lambda.tree(event)).jsonObjectBody();
  }

  private static ObjectNode parse(String body) {
    return parse(Requests.json(body));
  }

  private static String rejectedAs400(String body) {
    return assertThrows(InvalidRequestException.class, () -> parse(body), body).detail();
  }

  /** A JSON object of exactly {@code bytes} UTF-8 bytes: {"p":"xxx..."}. */
  private static String objectOfBytes(int bytes) {
    String body = "{\"p\":\"" + "x".repeat(bytes - 8) + "\"}";
    assertEquals(bytes, body.getBytes(StandardCharsets.UTF_8).length);
    return body;
  }

  @Test
  void jsonObjectIsParsed() {
    ObjectNode node = parse("{\"a\":\"b\",\"n\":1}");
    assertEquals("b", node.get("a").textValue());
    assertEquals(1, node.get("n").intValue());
  }

  @Test
  void missingBodyIsRejected() {
    assertEquals(
        "A JSON object body is required.",
        assertThrows(InvalidRequestException.class, () -> parse(Requests.json(null))).detail());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t  \r\n"})
  void emptyOrWhitespaceBodyIsRejected(String body) {
    assertEquals("A JSON object body is required.", rejectedAs400(body));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"a\":",
        "{\"a\":1,}",
        "{a:1}",
        "{'a':'b'}",
        "{\"a\":NaN}",
        "{\"a\":01}",
        "{\"a\":\"b\" /* c */}",
        "not json"
      })
  void malformedJsonIsRejected(String body) {
    assertEquals("The request body is not valid JSON.", rejectedAs400(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}}", "{} {}", "{}[]", "{}1"})
  void trailingContentIsRejected(String body) {
    assertEquals("The request body is not valid JSON.", rejectedAs400(body));
  }

  @Test
  void trailingWhitespaceIsAllowed() {
    assertEquals(1, parse("  {\"a\":1}\n\t ").get("a").intValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"title\":\"x\",\"title\":\"y\"}", "{\"o\":{\"k\":1,\"k\":1}}"})
  void duplicateKeysAreRejected(String body) {
    assertEquals("The request body is not valid JSON.", rejectedAs400(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{\"a\":1}]", "\"a string\"", "42", "-1.5", "true", "null"})
  void nonObjectJsonIsRejected(String body) {
    assertEquals("The request body must be a JSON object.", rejectedAs400(body));
  }

  @Test
  void nestingUpTo32LevelsIsAcceptedAndDeeperIsRejected() {
    assertEquals(32, depth(parse(nested(32))));
    assertEquals("The request body is not valid JSON.", rejectedAs400(nested(33)));
    assertEquals("The request body is not valid JSON.", rejectedAs400(nested(5_000)));
    assertEquals("The request body is not valid JSON.", rejectedAs400("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
  }

  private static String nested(int levels) {
    return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }

  private static int depth(com.fasterxml.jackson.databind.JsonNode node) {
    int depth = 0;
    for (var n = node; n != null; n = n.get("a")) {
      depth++;
    }
    return depth;
  }

  @Test
  void bodyOfExactly64KiBIsAcceptedAndOneByteMoreIs413() {
    assertEquals(1, parse(objectOfBytes(64 * 1024)).size());
    assertThrows(PayloadTooLargeException.class, () -> parse(objectOfBytes(64 * 1024 + 1)));
  }

  @Test
  void sizeIsCountedInUtf8BytesNotCharacters() {
    // 33,000 two-byte characters: fewer than 64 Ki chars but more than 64 KiB.
    String body = "{\"p\":\"" + "é".repeat(33_000) + "\"}";
    assertTrue(body.length() < 64 * 1024);
    assertThrows(PayloadTooLargeException.class, () -> parse(body));
  }

  @Test
  void hugeBodyIs413BeforeAnyParsing() {
    // Not even JSON: the size check comes first, so the client learns the real problem.
    assertThrows(PayloadTooLargeException.class, () -> parse("[".repeat(1_000_000)));
  }

  @Test
  void base64BodyIsDecoded() {
    String json = "{\"title\":\"Café \uD83D\uDE00\"}";
    APIGatewayProxyRequestEvent event =
        Requests.json(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).withIsBase64Encoded(true);
    assertEquals("Café \uD83D\uDE00", parse(event).get("title").textValue());
  }

  @Test
  void base64BodyLimitAppliesToTheDecodedBytes() {
    String atLimit = Base64.getEncoder().encodeToString(objectOfBytes(64 * 1024).getBytes(StandardCharsets.UTF_8));
    assertTrue(atLimit.length() > 64 * 1024, "the encoded form is longer than the limit");
    assertEquals(1, parse(Requests.json(atLimit).withIsBase64Encoded(true)).size());

    String overLimit = Base64.getEncoder().encodeToString(objectOfBytes(64 * 1024 + 1).getBytes(StandardCharsets.UTF_8));
    assertThrows(PayloadTooLargeException.class, () -> parse(Requests.json(overLimit).withIsBase64Encoded(true)));
  }

  @Test
  void invalidBase64BodyIsRejected() {
    APIGatewayProxyRequestEvent event = Requests.json("{not base64!}").withIsBase64Encoded(true);
    assertEquals(
        "The request body is not valid base64.",
        assertThrows(InvalidRequestException.class, () -> parse(event)).detail());
  }

  @Test
  void bodyNotMarkedBase64IsReadAsText() {
    String encoded = Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    APIGatewayProxyRequestEvent event = Requests.json(encoded).withIsBase64Encoded(false);
    assertThrows(InvalidRequestException.class, () -> parse(event));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data",
          "application/xml", "json", "application/jsonp", "application/merge-patch+json", "application/problem+json",
          "application/json-seq", "", " ", ";charset=utf-8"})
  void nonJsonContentTypeIs415(String contentType) {
    APIGatewayProxyRequestEvent event =
        Requests.withHeader(new APIGatewayProxyRequestEvent().withBody("{\"a\":1}"), "Content-Type", contentType);
    assertThrows(UnsupportedMediaTypeException.class, () -> parse(event), contentType);
  }

  @Test
  void contentTypeHeaderNameIsMatchedCaseInsensitively() {
    APIGatewayProxyRequestEvent event =
        Requests.withHeader(new APIGatewayProxyRequestEvent().withBody("{\"a\":1}"), "content-type", "text/plain");
    assertThrows(UnsupportedMediaTypeException.class, () -> parse(event));
  }

  @Test
  void mediaTypeIsCheckedBeforeTheBody() {
    APIGatewayProxyRequestEvent event =
        Requests.withHeader(new APIGatewayProxyRequestEvent().withBody("x".repeat(100_000)), "Content-Type", "text/plain");
    assertThrows(UnsupportedMediaTypeException.class, () -> parse(event));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
          " application/json ", "application/json;charset=\"utf-8\""})
  void jsonContentTypesAreAccepted(String contentType) {
    APIGatewayProxyRequestEvent event =
        Requests.withHeader(new APIGatewayProxyRequestEvent().withBody("{\"a\":1}"), "Content-Type", contentType);
    assertEquals(1, parse(event).get("a").intValue());
  }

  /**
   * Security finding 6: a cross-site {@code fetch(url, {mode: "no-cors", body: new Blob([json])})} sends JSON with
   * no Content-Type and no preflight; such a body must not be read.
   */
  @Test
  void missingContentTypeIs415() {
    assertThrows(UnsupportedMediaTypeException.class, () -> parse(new APIGatewayProxyRequestEvent().withBody("{\"a\":1}")));
    assertThrows(UnsupportedMediaTypeException.class,
        () -> parse(new APIGatewayProxyRequestEvent().withBody("{\"a\":1}").withHeaders(Map.of())));
    assertThrows(UnsupportedMediaTypeException.class, () -> parse(new APIGatewayProxyRequestEvent().withBody(" ")));
    // No content at all has no media type to judge: the missing body is the error.
    assertThrows(InvalidRequestException.class, () -> parse(new APIGatewayProxyRequestEvent()));
  }

  @Test
  void headersAreMatchedCaseInsensitively() {
    ApiRequest request = new ApiRequest(Lambda.tree(new APIGatewayProxyRequestEvent().withHeaders(Map.of("oRiGiN", "https://x"))));
    assertEquals(Optional.of("https://x"), request.header("Origin"));
    assertEquals(Optional.empty(), request.header("Referer"));
    assertEquals(Optional.empty(), new ApiRequest(Lambda.tree(new APIGatewayProxyRequestEvent())).header("Origin"));
  }

  @Test
  void userIdComesFromTheAuthorizerContext() {
    ApiRequest request = new ApiRequest(Lambda.tree(Requests.asUser(new APIGatewayProxyRequestEvent(), "user-42")));
    assertEquals("user-42", request.userId());
  }

  @Test
  void twoAuthorizationHeadersAreRefusedWhicheverTheAuthorizerAccepted() {
    APIGatewayProxyRequestEvent event = Requests.asUser(new APIGatewayProxyRequestEvent(), "user-42")
        .withMultiValueHeaders(Map.of("authorization", List.of("Bearer forged", "Bearer valid")));
    assertThrows(AuthenticationFailedException.class, () -> new ApiRequest(Lambda.tree(event)).userId());
    event.setMultiValueHeaders(Map.of("Authorization", List.of("Bearer valid")));
    assertEquals("user-42", new ApiRequest(Lambda.tree(event)).userId());
  }

  @Test
  void missingAuthorizerContextIsAServerFaultNotAClientError() {
    assertThrows(IllegalStateException.class, () -> new ApiRequest(Lambda.tree(new APIGatewayProxyRequestEvent())).userId());
    assertThrows(IllegalStateException.class, () -> new ApiRequest(Lambda.tree(Requests.asUser(new APIGatewayProxyRequestEvent(), ""))).userId());
    var context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setAuthorizer(Map.of("userId", 42));
    assertThrows(IllegalStateException.class, () -> new ApiRequest(Lambda.tree(new APIGatewayProxyRequestEvent().withRequestContext(context))).userId());
  }

  @Test
  void queryAndPathParameters() {
    APIGatewayProxyRequestEvent event = Requests.withPath(Requests.withQuery(new APIGatewayProxyRequestEvent(), "limit", "5"), "task_id", "t");
    ApiRequest request = new ApiRequest(Lambda.tree(event));
    assertEquals(Optional.of("5"), request.queryParameter("limit"));
    assertEquals(Optional.empty(), request.queryParameter("cursor"));
    assertEquals(Optional.of("t"), request.pathParameter("task_id"));
    assertEquals(Optional.empty(), new ApiRequest(Lambda.tree(new APIGatewayProxyRequestEvent())).pathParameter("task_id"));
  }

  /**
   * The event exactly as API Gateway's REST proxy integration sends it ("Input format of a Lambda function for
   * proxy integration", API Gateway Developer Guide): nulls for what is absent, {@code multiValueHeaders} beside
   * {@code headers}, the authorizer's context with its {@code principalId} and a numeric
   * {@code integrationLatency}, a base64 body.
   */
  @Test
  void readsTheProxyEventAsApiGatewaySendsIt() throws Exception {
    String body = Base64.getEncoder().encodeToString("{\"title\":\"Ünïcode\"}".getBytes(StandardCharsets.UTF_8));
    String wire = """
        {"resource": "/tasks/{task_id}", "path": "/tasks/42", "httpMethod": "PATCH",
         "headers": {"content-type": "application/json; charset=utf-8", "Authorization": "Bearer a"},
         "multiValueHeaders": {"content-type": ["application/json; charset=utf-8"],
                               "Authorization": ["Bearer a", "Bearer b"]},
         "queryStringParameters": null, "multiValueQueryStringParameters": null,
         "pathParameters": {"task_id": "42"}, "stageVariables": null,
         "requestContext": {"path": "/v1/tasks/42", "requestId": "req-1", "stage": "v1",
                            "authorizer": {"principalId": "user-1", "userId": "user-1", "exp": "4102444800",
                                           "integrationLatency": 3}},
         "body": "%s", "isBase64Encoded": true}
        """.formatted(body);
    ApiRequest request = new ApiRequest(new com.fasterxml.jackson.databind.ObjectMapper().readTree(wire));

    assertEquals("Ünïcode", request.jsonObjectBody().get("title").asText(), "base64 decoded, charset kept");
    assertEquals(Optional.of("Bearer a"), request.header("authorization"));
    assertThrows(AuthenticationFailedException.class, request::userId, "two Authorization values in multiValueHeaders");
    assertEquals(Optional.of("42"), request.pathParameter("task_id"));
    assertEquals(Optional.empty(), request.queryParameter("limit"), "queryStringParameters: null");
    assertEquals("/v1", request.basePath());
    assertEquals("PATCH", request.method());
    assertEquals("/tasks/{task_id}", request.resource());
    assertEquals("req-1", request.apiRequestId());
    assertEquals(Optional.of("user-1"), request.authenticatedUserId());
    assertEquals(false, request.tokenExpiredAt(java.time.Instant.parse("2099-12-31T23:59:59Z")));
  }

  @Test
  void aNullBodyIsNoBody() throws Exception {
    ApiRequest request = new ApiRequest(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"httpMethod\":\"POST\",\"headers\":null,\"multiValueHeaders\":null,\"body\":null,"
            + "\"isBase64Encoded\":false,\"requestContext\":{\"authorizer\":null}}"));
    InvalidRequestException e = assertThrows(InvalidRequestException.class, request::jsonObjectBody);
    assertEquals("A JSON object body is required.", e.detail());
    assertEquals(Optional.empty(), request.header("Content-Type"));
    assertEquals(Optional.empty(), request.authenticatedUserId());
  }
}
