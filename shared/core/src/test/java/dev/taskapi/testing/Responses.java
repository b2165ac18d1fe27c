package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads responses as a client would: status, headers, and the body parsed as JSON. */
public final class Responses {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  public static JsonNode body(APIGatewayProxyResponseEvent response) {
    try {
      return MAPPER.readTree(response.getBody());
    } catch (JsonProcessingException e) {
      throw new AssertionError("response body is not JSON: " + response.getBody(), e);
    }
  }

  /** The field names of a JSON object, in order. */
  public static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Asserts an RFC 9457 problem response with {@code status}, the headers every response carries, and returns
   * its body.
   */
  public static JsonNode assertProblem(APIGatewayProxyResponseEvent response, int status) {
    return assertProblem(response, status, "about:blank");
  }

  /** The same, for a problem of its own {@code type}. */
  public static JsonNode assertProblem(APIGatewayProxyResponseEvent response, int status, String type) {
    assertEquals(status, response.getStatusCode(), () -> "body: " + response.getBody());
    Map<String, String> headers = response.getHeaders();
    assertEquals("application/problem+json", headers.get("Content-Type"));
    assertEquals("no-store", headers.get("Cache-Control"));
    assertEquals("nosniff", headers.get("X-Content-Type-Options"));
    JsonNode body = body(response);
    assertEquals(type, body.path("type").asText());
    assertEquals(status, body.path("status").asInt());
    assertTrue(body.path("title").isTextual() && !body.path("title").asText().isEmpty(), "title");
    assertTrue(body.path("detail").isTextual() && !body.path("detail").asText().isEmpty(), "detail");
    return body;
  }

  /** The names in a 400's {@code invalid_params}, in order. */
  public static List<String> invalidParamNames(JsonNode problem) {
    List<String> names = new ArrayList<>();
    problem.path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  /** Asserts a success response with {@code status} and JSON content, and returns its body. */
  public static JsonNode assertJson(APIGatewayProxyResponseEvent response, int status) {
    assertEquals(status, response.getStatusCode(), () -> "body: " + response.getBody());
    assertEquals("application/json", response.getHeaders().get("Content-Type"));
    assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"));
    return body(response);
  }
}
