package dev.taskapi.sync;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.SyncTokenCodec;
import dev.taskapi.domain.GoneException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.http.Cors;
import dev.taskapi.schema.ChangeItem;
import dev.taskapi.store.SyncFeed;
import dev.taskapi.testing.InMemorySyncStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.ManualClock;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncHandlerTest {
  private static final String ALICE = "3f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b";
  private static final String BOB = "4f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b";

  private final InMemorySyncStore store = new InMemorySyncStore();
  private final ManualClock clock = new ManualClock(TestCrypto.NOW);
  private final SyncHandler handler =
      new SyncHandler(new SyncFeed(store, clock), new SyncTokenCodec(TestCrypto.CURSOR_KEY), clock, Cors.none());
  private final TaskIds ids = new TaskIds();

  private APIGatewayProxyResponseEvent sync(String userId, Map<String, String> query) {
    APIGatewayProxyRequestEvent event = Requests.asUser(Requests.empty(), userId);
    for (var parameter : query.entrySet()) {
      event = Requests.withQuery(event, parameter.getKey(), parameter.getValue());
    }
    return Lambda.invoke(handler, event, null);
  }

  @Test
  void aFullSyncAnswersTheWholeStateAndATokenForTheChangesAfterIt() {
    Task task = TestTasks.task(ids.next(TestCrypto.NOW.toEpochMilli()).toString(), ALICE, "first", "");
    store.put(task);

    JsonNode body = assertJson(sync(ALICE, Map.of()), 200);

    assertEquals(List.of("lists", "tasks", "deleted", "token", "has_more"), fieldNames(body));
    assertEquals(TaskLists.defaultListId(ALICE), body.get("lists").get(0).get("uuid").asText());
    assertEquals(List.of("uuid", "title", "default", "created_at", "updated_at", "etag"), fieldNames(body.get("lists").get(0)));
    assertEquals(List.of(TestTasks.memberNames()), List.of(fieldNames(body.get("tasks").get(0))));
    assertEquals(List.of("lists", "tasks"), fieldNames(body.get("deleted")));
    assertFalse(body.get("has_more").asBoolean());

    Task second = TestTasks.task(ids.next(TestCrypto.NOW.toEpochMilli()).toString(), ALICE, "second", "");
    store.put(second);
    store.remove(ALICE, List.of(task.id()), List.of());
    JsonNode changes = assertJson(sync(ALICE, Map.of("token", body.get("token").asText(), "unknown", "x")), 200);
    assertEquals(second.id(), changes.get("tasks").get(0).get("uuid").asText());
    assertEquals(task.id(), changes.get("deleted").get("tasks").get(0).asText());
    assertEquals(0, changes.get("lists").size());
  }

  @Test
  void aSmallLimitPagesTheFullSync() {
    for (int i = 0; i < 3; i++) {
      store.put(TestTasks.task(ids.next(TestCrypto.NOW.toEpochMilli()).toString(), ALICE, "t" + i, ""));
    }
    JsonNode first = assertJson(sync(ALICE, Map.of("limit", "2")), 200);
    assertTrue(first.get("has_more").asBoolean());
    assertEquals(2, first.get("tasks").size()); // and the never-written Inbox, which is no item read
    JsonNode second = assertJson(sync(ALICE, Map.of("limit", "2", "token", first.get("token").asText())), 200);
    assertEquals(1, second.get("tasks").size());
    assertFalse(second.get("has_more").asBoolean());
  }

  @Test
  void aMalformedTokenAndABadLimitAreOne400NamingBoth() {
    String token = assertJson(sync(ALICE, Map.of()), 200).get("token").asText();
    String edited = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    assertEquals(
        List.of("limit", "token"), invalidParamNames(assertProblem(sync(ALICE, Map.of("limit", "0", "token", edited)), 400)));
    assertEquals(List.of("token"), invalidParamNames(assertProblem(sync(ALICE, Map.of("token", "x")), 400)));
  }

  @Test
  void anotherUsersTokenOrAnExpiredOneIsA410TellingTheClientToResync() {
    String token = assertJson(sync(ALICE, Map.of()), 200).get("token").asText();
    JsonNode foreign = assertProblem(sync(BOB, Map.of("token", token)), 410, GoneException.RESYNC);
    assertEquals("Gone", foreign.get("title").asText());

    // The token holds whole seconds, rounded down: it expires within the second before its lifetime ends.
    clock.advance(ChangeItem.TOKEN_LIFETIME.minusSeconds(1));
    assertJson(sync(ALICE, Map.of("token", token)), 200);
    clock.advance(Duration.ofSeconds(1));
    assertProblem(sync(ALICE, Map.of("token", token)), 410, GoneException.RESYNC);
  }
}
