package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check that guards the whole end-to-end suite must reject what the contract does not allow. */
class OpenApiContractTest {
  private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
  private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"));

  private static ApiClient.Response response(int status, Map<String, List<String>> headers, String body) {
    return new ApiClient.Response(status, headers, body, null);
  }

  @Test
  void conformingResponsesPass() {
    OpenApiContract.assertConforms(
        "DELETE", "/tasks/019a3c1e-7f4b-7c2d-9e8f-0a1b2c3d4e5f", response(200, JSON, "{\"message\":\"Task deleted\"}"));
    OpenApiContract.assertConforms(
        "GET", "/nope", response(404, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"detail\":\"x\"}"));
  }

  @Test
  void aBodyMissingARequiredFieldFails() {
    assertThrows(
        AssertionError.class,
        () ->
            OpenApiContract.assertConforms(
                "POST", "/auth", response(200, JSON, "{\"message\":\"ok\",\"user\":{\"id\":\"x\"}}")));
  }

  @Test
  void anUndocumentedStatusFails() {
    assertThrows(
        AssertionError.class,
        () -> OpenApiContract.assertConforms("GET", "/tasks", response(418, PROBLEM, "{}")));
  }

  @Test
  void anErrorThatIsNotProblemJsonFails() {
    assertThrows(
        AssertionError.class,
        () ->
            OpenApiContract.assertConforms(
                "GET", "/tasks", response(400, JSON, "{\"type\":\"about:blank\",\"title\":\"t\",\"detail\":\"d\"}")));
  }

  @Test
  void a401WithoutItsBearerChallengeFails() {
    assertThrows(
        AssertionError.class,
        () ->
            OpenApiContract.assertConforms(
                "GET",
                "/tasks",
                response(401, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"detail\":\"d\"}")));
  }
}
