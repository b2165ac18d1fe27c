package dev.taskapi.gettask;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
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
import org.junit.jupiter.api.Test;

class GetTaskHandlerTest {
  private static final String ALICE = "user-alice";

  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final GetTaskHandler handler = new GetTaskHandler(store, Cors.none());
  private final String taskId = new TaskIds().next(TestCrypto.NOW.toEpochMilli()).toString();

  private APIGatewayProxyResponseEvent get(String userId, String id) {
    return Lambda.invoke(handler, Requests.withPath(Requests.asUser(Requests.empty(), userId), "task_id", id), null);
  }

  @Test
  void ownTaskIs200WithEveryFieldAndItsVersionAsETag() {
    store.create(TestTasks.task(taskId, ALICE, "title", "description"));
    store.update(ALICE, taskId, TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(), TestCrypto.NOW.plusSeconds(5));

    APIGatewayProxyResponseEvent response = get(ALICE, taskId.toUpperCase());

    JsonNode task = assertJson(response, 200).get("task");
    assertEquals("\"2\"", response.getHeaders().get("ETag"));
    assertEquals(
        TestTasks.memberNames(), fieldNames(task));
    assertEquals(taskId, task.get("uuid").asText());
    assertEquals(true, task.get("completed").asBoolean());
    assertEquals("2025-03-04T05:06:07.089Z", task.get("created_at").asText());
    assertEquals("2025-03-04T05:06:12.089Z", task.get("updated_at").asText());
  }

  @Test
  void absentAndSomeoneElsesTaskAreTheSame404() {
    store.create(TestTasks.task(taskId, ALICE, "title", "description"));
    String absent = new TaskIds().next(TestCrypto.NOW.toEpochMilli() + 1).toString();

    APIGatewayProxyResponseEvent someoneElses = get("user-bob", taskId);

    assertProblem(someoneElses, 404);
    assertEquals(get(ALICE, absent).getBody(), someoneElses.getBody());
  }

  @Test
  void nonUuidIs400() {
    assertEquals(List.of("task_id"), invalidParamNames(assertProblem(get(ALICE, "1-1-1-1-1"), 400)));
  }
}
