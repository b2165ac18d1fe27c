package dev.taskapi.getlist;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

class GetListHandlerTest {
  private static final String WORK = "0195abcd-0000-7000-8000-000000000001";

  private final InMemoryListStore lists = new InMemoryListStore();
  private final GetListHandler handler = new GetListHandler(lists, Cors.none());

  private APIGatewayProxyResponseEvent get(String userId, String listId) {
    return Lambda.invoke(handler, Requests.withPath(Requests.asUser(Requests.empty(), userId), "list_id", listId), null);
  }

  @Test
  void ownListIs200WithItsVersionAsETag() {
    lists.create(new TaskList(WORK, "user-alice", "Work", TestCrypto.NOW, TestCrypto.NOW, 1), "alice@example.com");
    lists.rename("user-alice", WORK, "Job", java.util.Optional.empty(), TestCrypto.NOW.plusSeconds(5));

    APIGatewayProxyResponseEvent response = get("user-alice", WORK.toUpperCase());

    JsonNode list = assertJson(response, 200).get("list");
    assertEquals("\"2\"", response.getHeaders().get("ETag"));
    assertEquals(WORK, list.get("uuid").asText());
    assertEquals("Job", list.get("title").asText());
    assertEquals("2025-03-04T05:06:12.089Z", list.get("updated_at").asText());
  }

  @Test
  void theNeverWrittenDefaultListIsInboxAtVersionZero() {
    APIGatewayProxyResponseEvent response = get("user-alice", TaskLists.defaultListId("user-alice"));

    assertEquals("Inbox", assertJson(response, 200).get("list").get("title").asText());
    assertEquals("\"0\"", response.getHeaders().get("ETag"));
  }

  @Test
  void absentAndSomeoneElsesListAreTheSame404() {
    lists.create(new TaskList(WORK, "user-alice", "Work", TestCrypto.NOW, TestCrypto.NOW, 1), "alice@example.com");

    APIGatewayProxyResponseEvent someoneElses = get("user-bob", WORK);

    assertProblem(someoneElses, 404);
    assertEquals(get("user-alice", "0195abcd-0000-7000-8000-000000000009").getBody(), someoneElses.getBody());
    assertProblem(get("user-bob", TaskLists.defaultListId("user-alice")), 404);
  }

  @Test
  void aListIdThatIsNotAUuidIs400() {
    assertEquals(List.of("list_id"), invalidParamNames(assertProblem(get("user-alice", "inbox"), 400)));
  }
}
