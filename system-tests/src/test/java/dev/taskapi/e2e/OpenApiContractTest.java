package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.Json;
import dev.taskapi.api.JsonBody;
import dev.taskapi.api.TaskResponse;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The task as the API writes it: its view, built from the same field definitions as the handlers use. */
  private static String taskBody(Task task) {
    return JsonBody.toJson(new TaskResponse(TaskView.of(task)));
  }

  @Test
  void aTaskAsTheApiWritesItConformsAndAnyMemberMoreOrLessFails() throws Exception {
    String id = "019a3c1e-7f4b-7c2d-9e8f-0a1b2c3d4e5f";
    Task task = Task.created(id, "6f1c2b7e-4a3d-4e5f-9a8b-1c2d3e4f5a6b", Optional.empty(), TaskValues.absent().with(TaskFields.TITLE, "t"));
    String path = "/tasks/" + id;
    OpenApiContract.assertConforms("GET", path, response(200, JSON, taskBody(task)));

    ObjectNode extra = (ObjectNode) Json.MAPPER.readTree(taskBody(task));
    ((ObjectNode) extra.get("task")).put("secret", "x");
    assertThrows(AssertionError.class, () -> OpenApiContract.assertConforms("GET", path, response(200, JSON, extra.toString())));
    for (TaskField<?> field : TaskFields.ALL) {
      ObjectNode missing = (ObjectNode) Json.MAPPER.readTree(taskBody(task));
      ((ObjectNode) missing.get("task")).remove(field.name());
      assertThrows(AssertionError.class,
          () -> OpenApiContract.assertConforms("GET", path, response(200, JSON, missing.toString())), field.name());
    }
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
