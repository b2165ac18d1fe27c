package dev.taskapi.deletetask;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTasks;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeleteTaskHandlerTest {
  private static final String ALICE = "user-alice";
  private static final String BOB = "user-bob";

  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final DeleteTaskHandler handler = new DeleteTaskHandler(store, Cors.none());
  private String taskId;

  @BeforeEach
  void seed() {
    taskId = new TaskIds().next(TestCrypto.NOW.toEpochMilli()).toString();
    store.create(TestTasks.task(taskId, ALICE, "t", "d"));
  }

  private APIGatewayProxyResponseEvent delete(String userId, String id) {
    APIGatewayProxyRequestEvent event = Requests.asUser(Requests.empty(), userId);
    if (id != null) {
      event = Requests.withPath(event, "task_id", id);
    }
    return Lambda.invoke(handler, event, null);
  }

  @Test
  void deletingOwnTaskAnswers200AndRemovesIt() {
    JsonNode body = assertJson(delete(ALICE, taskId), 200);
    assertEquals(List.of("message"), fieldNames(body));
    assertEquals("Task deleted", body.get("message").asText());
    assertTrue(store.tasksOf(ALICE).isEmpty());
  }

  @Test
  void secondDeleteIs404() {
    assertEquals(200, delete(ALICE, taskId).getStatusCode());
    JsonNode problem = assertProblem(delete(ALICE, taskId), 404);
    assertEquals("Not Found", problem.get("title").asText());
  }

  @Test
  void absentTaskIs404() {
    String absent = new TaskIds().next(TestCrypto.NOW.toEpochMilli() + 1).toString();
    assertProblem(delete(ALICE, absent), 404);
    assertEquals(1, store.tasksOf(ALICE).size());
  }

  @Test
  void anotherUsersTaskIsTheSame404AndSurvives() {
    String absent = new TaskIds().next(TestCrypto.NOW.toEpochMilli() + 1).toString();
    APIGatewayProxyResponseEvent someoneElses = delete(BOB, taskId);
    assertProblem(someoneElses, 404);
    assertEquals(delete(ALICE, absent).getBody(), someoneElses.getBody(), "indistinguishable from an absent task");
    assertEquals(1, store.tasksOf(ALICE).size());
  }

  @Test
  void upperCaseIdIsTheSameTask() {
    assertJson(delete(ALICE, taskId.toUpperCase()), 200);
    assertTrue(store.tasksOf(ALICE).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1-1-1-1-1", "not-a-uuid", "", "42", "../x"})
  void nonUuidIs400(String id) {
    JsonNode problem = assertProblem(delete(ALICE, id), 400);
    assertEquals(List.of("task_id"), invalidParamNames(problem));
    assertEquals(1, store.tasksOf(ALICE).size());
  }

  @Test
  void tooLongIdIs400() {
    assertProblem(delete(ALICE, taskId + "0"), 400);
    assertEquals(1, store.tasksOf(ALICE).size());
  }

  @Test
  void missingPathParameterIs400() {
    assertProblem(delete(ALICE, null), 400);
  }
}
