package dev.taskapi.updatetask;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTasks;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateTaskHandlerTest {
  private static final String ALICE = "user-alice";

  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final UpdateTaskHandler handler = new UpdateTaskHandler(store, TestCrypto.CLOCK, Cors.none());
  private final String taskId = new TaskIds().next(TestCrypto.NOW.toEpochMilli() - 60_000).toString();
  private Task original;

  @BeforeEach
  void seed() {
    original = TestTasks.task(taskId, ALICE, "title", "description");
    store.create(original);
  }

  private APIGatewayProxyResponseEvent patch(String userId, String body, String ifMatch) {
    APIGatewayProxyRequestEvent event = Requests.withPath(Requests.asUser(Requests.json(body), userId), "task_id", taskId);
    if (ifMatch != null) {
      event = Requests.withHeader(event, "If-Match", ifMatch);
    }
    return Lambda.invoke(handler, event, null);
  }

  private Task stored() {
    return store.find(ALICE, taskId).orElseThrow();
  }

  @Test
  void changesOnlyTheFieldsSentAndAnswersTheNewVersion() {
    APIGatewayProxyResponseEvent response = patch(ALICE, "{\"completed\":true}", null);

    JsonNode body = assertJson(response, 200);
    assertEquals("Task updated", body.get("message").asText());
    assertEquals("\"2\"", response.getHeaders().get("ETag"));
    JsonNode task = body.get("task");
    assertEquals("title", task.get("title").asText());
    assertEquals("description", task.get("description").asText());
    assertEquals(true, task.get("completed").asBoolean());
    assertEquals(TestCrypto.NOW.toString(), task.get("updated_at").asText());
    assertEquals(new Task(taskId, ALICE, original.createdAt(), TestCrypto.NOW, 2, original.placement(), TestTasks.values("title", "description").with(TaskFields.COMPLETED, true)
        .with(TaskFields.COMPLETED_AT, Optional.of(TestCrypto.NOW))), stored());
  }

  @Test
  void matchingIfMatchAndStarUpdate() {
    assertJson(patch(ALICE, "{\"title\":\"new\"}", "\"1\""), 200);
    assertJson(patch(ALICE, "{\"description\":\"\"}", "*"), 200);
    assertEquals("new", stored().title());
    assertEquals("", stored().description());
    assertEquals(3, stored().version());
  }

  @Test
  void staleIfMatchIs412AndChangesNothing() {
    assertJson(patch(ALICE, "{\"title\":\"first\"}", "\"1\""), 200);

    assertProblem(patch(ALICE, "{\"title\":\"second\"}", "\"1\""), 412);

    assertEquals("first", stored().title());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "W/\"1\"", "\"1\", \"2\"", "\"x\"", "\"\"", "**"})
  void malformedIfMatchIs400(String ifMatch) {
    JsonNode problem = assertProblem(patch(ALICE, "{\"title\":\"x\"}", ifMatch), 400);
    assertEquals(List.of("If-Match"), invalidParamNames(problem));
    assertEquals(original, stored());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"owner\":\"x\"}",
        "{\"title\":null}",
        "{\"title\":\"  \"}",
        "{\"completed\":\"true\"}",
        "{\"completed\":1}",
        "{\"completed\":null}",
        "{\"title\":\"ok\",\"description\":5}",
        "[]"
      })
  void invalidBodiesAre400AndChangeNothing(String body) {
    assertProblem(patch(ALICE, body, null), 400);
    assertEquals(original, stored());
  }

  @Test
  void absentOrSomeoneElsesTaskIs404() {
    assertProblem(patch("user-bob", "{\"completed\":true}", null), 404);
    assertProblem(patch("user-bob", "{\"completed\":true}", "\"1\""), 404);
    assertEquals(original, stored());
  }
}
