package dev.taskapi.updatelist;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryListStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateListHandlerTest {
  private static final String ALICE = "user-alice";
  private static final String WORK = "0195abcd-0000-7000-8000-000000000001";

  private final InMemoryListStore lists = new InMemoryListStore();
  private final UpdateListHandler handler = new UpdateListHandler(lists, TestCrypto.CLOCK, Cors.none());

  @BeforeEach
  void seed() {
    lists.create(new TaskList(WORK, ALICE, "Work", TestCrypto.NOW.minusSeconds(60), TestCrypto.NOW.minusSeconds(60), 1),
        "alice@example.com");
  }

  private APIGatewayProxyResponseEvent patch(String userId, String listId, String body, String ifMatch) {
    APIGatewayProxyRequestEvent event = Requests.withPath(Requests.asUser(Requests.json(body), userId), "list_id", listId);
    if (ifMatch != null) {
      event = Requests.withHeader(event, "If-Match", ifMatch);
    }
    return Lambda.invoke(handler, event, null);
  }

  private String title(String listId) {
    return lists.find(ALICE, listId).orElseThrow().title();
  }

  @Test
  void renamesAndAnswersTheNewVersion() {
    APIGatewayProxyResponseEvent response = patch(ALICE, WORK, "{\"title\":\"Job\"}", "\"1\"");

    JsonNode body = assertJson(response, 200);
    assertEquals("List updated", body.get("message").asText());
    assertEquals("Job", body.get("list").get("title").asText());
    assertEquals(TestCrypto.NOW.toString(), body.get("list").get("updated_at").asText());
    assertEquals("\"2\"", response.getHeaders().get("ETag"));
    assertEquals("Job", title(WORK));
  }

  @Test
  void staleIfMatchIs412AndChangesNothing() {
    assertJson(patch(ALICE, WORK, "{\"title\":\"first\"}", "\"1\""), 200);

    assertProblem(patch(ALICE, WORK, "{\"title\":\"second\"}", "\"1\""), 412);

    assertEquals("first", title(WORK));
  }

  @Test
  void theDefaultListIsRenamedFromVersionZero() {
    String inbox = TaskLists.defaultListId(ALICE);

    APIGatewayProxyResponseEvent response = patch(ALICE, inbox, "{\"title\":\"Today\"}", "\"0\"");

    assertEquals(true, assertJson(response, 200).get("list").get("default").asBoolean());
    assertEquals("\"1\"", response.getHeaders().get("ETag"));
    assertEquals("Today", title(inbox));
  }

  @Test
  void badInputIs400AndChangesNothing() {
    assertEquals(List.of("title"), invalidParamNames(assertProblem(patch(ALICE, WORK, "{\"title\":\" \"}", null), 400)));
    assertEquals(List.of("If-Match"), invalidParamNames(assertProblem(patch(ALICE, WORK, "{\"title\":\"x\"}", "1"), 400)));
    assertEquals(List.of("list_id"), invalidParamNames(assertProblem(patch(ALICE, "work", "{\"title\":\"x\"}", null), 400)));
    assertEquals("Work", title(WORK));
  }

  @Test
  void someoneElsesListIs404() {
    assertProblem(patch("user-bob", WORK, "{\"title\":\"mine\"}", null), 404);
    assertEquals("Work", title(WORK));
  }
}
