package dev.taskapi.movetask;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
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

class MoveTaskHandlerTest {
  private static final String ALICE = "user-alice";

  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final MoveTaskHandler handler = new MoveTaskHandler(store, TestCrypto.CLOCK, Cors.none());
  private final TaskIds ids = new TaskIds();
  private Task first;
  private Task second;

  @BeforeEach
  void seed() {
    first = TestTasks.task(ids.next(TestCrypto.NOW.toEpochMilli() - 60_000).toString(), ALICE, "first", "");
    second = TestTasks.task(ids.next(TestCrypto.NOW.toEpochMilli() - 30_000).toString(), ALICE, "second", "");
    store.create(first);
    store.create(second);
  }

  private APIGatewayProxyResponseEvent move(String taskId, String body, String ifMatch) {
    APIGatewayProxyRequestEvent event = Requests.withPath(Requests.asUser(Requests.json(body), ALICE), "task_id", taskId);
    if (ifMatch != null) {
      event = Requests.withHeader(event, "If-Match", ifMatch);
    }
    return Lambda.invoke(handler, event, null);
  }

  @Test
  void afterNullPutsTheTaskFirstAndAnswersItWithItsNewVersion() {
    APIGatewayProxyResponseEvent response = move(second.id(), "{\"after\":null}", "\"1\"");

    JsonNode body = assertJson(response, 200);
    assertEquals("Task moved", body.get("message").asText());
    assertEquals("\"2\"", response.getHeaders().get("ETag"));
    String position = body.get("task").get("position").asText();
    assertTrue(position.compareTo(first.placement().position()) < 0, position + " before the first");
  }

  @Test
  void aBadBodyIsA400NamingEveryWrongMemberAndMovesNothing() {
    APIGatewayProxyResponseEvent response = move(second.id(), "{\"after\":\"" + second.id() + "\",\"list_id\":7}", null);

    assertEquals(List.of("list_id", "after"), invalidParamNames(assertProblem(response, 400)));
    assertEquals(second, store.find(ALICE, second.id()).orElseThrow());
  }

  @Test
  void aStaleIfMatchIsA412AndAnUnknownTaskA404() {
    assertProblem(move(second.id(), "{}", "\"7\""), 412);
    assertProblem(move(ids.next(TestCrypto.NOW.toEpochMilli()).toString(), "{}", null), 404);
    assertProblem(move(second.id(), "{\"after\":\"" + ids.next(0) + "\"}", null), 404);
  }
}
