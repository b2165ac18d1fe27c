package dev.taskapi.deletelist;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryListStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteListHandlerTest {
  private static final String ALICE = "user-alice";
  private static final String WORK = "0195abcd-0000-7000-8000-000000000001";

  private final InMemoryListStore lists = new InMemoryListStore();
  private final DeleteListHandler handler = new DeleteListHandler(lists, Duration.ofSeconds(15), Cors.none());

  @BeforeEach
  void seed() {
    lists.create(new TaskList(WORK, ALICE, "Work", TestCrypto.NOW, TestCrypto.NOW, 1), "alice@example.com");
  }

  private APIGatewayProxyResponseEvent delete(String userId, String listId) {
    return Lambda.invoke(handler, Requests.withPath(Requests.asUser(Requests.empty(), userId), "list_id", listId), null);
  }

  @Test
  void deletesTheListOnceThen404() {
    assertEquals("List deleted", assertJson(delete(ALICE, WORK), 200).get("message").asText());

    assertEquals(Optional.empty(), lists.find(ALICE, WORK));
    assertProblem(delete(ALICE, WORK), 404);
  }

  @Test
  void anUnfinishedDeletionIs503WithRetryAfterAndTheListAlreadyGone() {
    lists.unfinishedDeletions(2);

    for (int i = 0; i < 2; i++) {
      APIGatewayProxyResponseEvent response = delete(ALICE, WORK);
      assertProblem(response, 503);
      assertEquals("1", response.getHeaders().get("Retry-After"));
      assertEquals(Optional.empty(), lists.find(ALICE, WORK));
    }
    assertJson(delete(ALICE, WORK), 200);
  }

  @Test
  void theDefaultListIs409() {
    assertProblem(delete(ALICE, TaskLists.defaultListId(ALICE)), 409);

    assertEquals("Inbox", lists.find(ALICE, TaskLists.defaultListId(ALICE)).orElseThrow().title());
  }

  @Test
  void someoneElsesListIs404AndStays() {
    assertProblem(delete("user-bob", WORK), 404);

    assertEquals("Work", lists.find(ALICE, WORK).orElseThrow().title());
  }
}
