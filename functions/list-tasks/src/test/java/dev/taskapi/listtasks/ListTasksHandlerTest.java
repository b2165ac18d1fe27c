package dev.taskapi.listtasks;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.CursorCodec;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskSort;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListTasksHandlerTest {
  private static final String ALICE = "user-alice";
  private static final String BOB = "user-bob";
  private static final long START = TestCrypto.NOW.toEpochMilli();

  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final CursorCodec cursors = new CursorCodec(TestCrypto.CURSOR_KEY);
  private final ListTasksHandler handler = new ListTasksHandler(store, cursors, Cors.none());
  private final TaskIds ids = new TaskIds();

  /** Stores {@code count} tasks for the user, a millisecond apart; returns their ids, oldest first. */
  private List<String> seed(String userId, int count) {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = ids.next(START + i).toString(); // one generator for all users: ids only ever increase
      store.create(TestTasks.task(id, userId, "task " + i, "about " + i));
      created.add(id);
    }
    return created;
  }

  private APIGatewayProxyResponseEvent list(String userId, String limit, String cursor) {
    APIGatewayProxyRequestEvent event = Requests.asUser(Requests.empty(), userId);
    if (limit != null) {
      event = Requests.withQuery(event, "limit", limit);
    }
    if (cursor != null) {
      event = Requests.withQuery(event, "cursor", cursor);
    }
    return Lambda.invoke(handler, event, null);
  }

  private static List<String> uuids(JsonNode body) {
    List<String> result = new ArrayList<>();
    body.get("tasks").forEach(t -> result.add(t.get("uuid").asText()));
    return result;
  }

  @Test
  void emptyListHasNoCursor() {
    JsonNode body = assertJson(list(ALICE, null, null), 200);
    assertEquals(List.of("tasks", "next_cursor"), fieldNames(body));
    assertEquals(0, body.get("tasks").size());
    assertTrue(body.get("next_cursor").isNull());
  }

  @Test
  void defaultLimitIs100() {
    assertJson(list(ALICE, null, null), 200);
    assertEquals(100, store.queryCalls().getLast().limit());
    assertEquals(Optional.empty(), store.queryCalls().getLast().afterPosition());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 999, 1000})
  void limitsFrom1To1000AreAccepted(int limit) {
    assertJson(list(ALICE, Integer.toString(limit), null), 200);
    assertEquals(limit, store.queryCalls().getLast().limit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "abc", "-1", "1e3", "+5", " 5", "5 ", "", "10.0", "0x10", "99999999999999999999", "０"})
  void invalidLimitIs400AndTheStoreIsNotAsked(String limit) {
    JsonNode problem = assertProblem(list(ALICE, limit, null), 400);
    assertEquals(List.of("limit"), invalidParamNames(problem));
    assertTrue(store.listCalls().isEmpty() && store.queryCalls().isEmpty());
  }

  @Test
  void tasksAreListedNewestFirstWithTheWireShape() {
    List<String> created = seed(ALICE, 3);
    JsonNode body = assertJson(list(ALICE, null, null), 200);
    assertEquals(created.reversed(), uuids(body));
    JsonNode newest = body.get("tasks").get(0);
    assertEquals(TestTasks.memberNames(), fieldNames(newest));
    assertEquals("task 2", newest.get("title").asText());
    assertEquals("about 2", newest.get("description").asText());
    assertEquals(ALICE, newest.get("user_id").asText());
    assertTrue(newest.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    assertTrue(body.get("next_cursor").isNull());
  }

  @Test
  void cursorWalksEveryPageExactlyOnce() {
    List<String> alices = seed(ALICE, 7);
    seed(BOB, 2);

    JsonNode first = assertJson(list(ALICE, "3", null), 200);
    assertEquals(alices.reversed().subList(0, 3), uuids(first));
    String cursor1 = first.get("next_cursor").asText();

    JsonNode second = assertJson(list(ALICE, "3", cursor1), 200);
    assertEquals(alices.reversed().subList(3, 6), uuids(second));
    assertEquals(
        Optional.of(TaskSort.createdKeyOfServerId(alices.get(4))), store.queryCalls().getLast().afterPosition(),
        "continues after the last task shown");
    String cursor2 = second.get("next_cursor").asText();

    JsonNode third = assertJson(list(ALICE, "3", cursor2), 200);
    assertEquals(alices.reversed().subList(6, 7), uuids(third));
    assertTrue(third.get("next_cursor").isNull(), "last page has no cursor");
  }

  @Test
  void limitMayChangeBetweenPages() {
    List<String> alices = seed(ALICE, 5);
    String cursor = assertJson(list(ALICE, "2", null), 200).get("next_cursor").asText();
    JsonNode rest = assertJson(list(ALICE, "10", cursor), 200);
    assertEquals(alices.reversed().subList(2, 5), uuids(rest));
  }

  @Test
  void usersOnlySeeTheirOwnTasks() {
    seed(ALICE, 2);
    List<String> bobs = seed(BOB, 1);
    assertEquals(bobs, uuids(assertJson(list(BOB, null, null), 200)));
  }

  @Test
  void cursorFromAnotherUserIs400() {
    seed(ALICE, 3);
    seed(BOB, 3);
    String alicesCursor = assertJson(list(ALICE, "1", null), 200).get("next_cursor").asText();
    int callsBefore = store.queryCalls().size();
    JsonNode problem = assertProblem(list(BOB, "1", alicesCursor), 400);
    assertEquals(List.of("cursor"), invalidParamNames(problem));
    assertEquals(callsBefore, store.queryCalls().size(), "the store is not asked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b"})
  void forgedCursorIs400(String cursor) {
    seed(ALICE, 3);
    JsonNode problem = assertProblem(list(ALICE, null, cursor), 400);
    assertEquals(List.of("cursor"), invalidParamNames(problem));
  }

  @Test
  void editedCursorIs400() {
    seed(ALICE, 3);
    String cursor = assertJson(list(ALICE, "1", null), 200).get("next_cursor").asText();
    // Change only the lowest bit of the last character: bits the decoder would ignore if unchecked.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = cursor.charAt(cursor.length() - 1);
    String edited = cursor.substring(0, cursor.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
    assertProblem(list(ALICE, "1", edited), 400);
    // Any other character in any position, too.
    for (int i = 0; i < cursor.length(); i += 7) {
      char c = cursor.charAt(i);
      String other = cursor.substring(0, i) + alphabet.charAt((alphabet.indexOf(c) + 1) % 64) + cursor.substring(i + 1);
      assertProblem(list(ALICE, "1", other), 400);
    }
  }

  @Test
  void aCursorOfTheUnfilteredListingIssuedBeforeCreationOrderHadItsIndexStillContinues() {
    List<String> alices = seed(ALICE, 3);
    String issuedBefore = cursors.encode(ALICE, alices.get(1)); // the last task id shown, as cursors were

    assertEquals(List.of(alices.get(0)), uuids(assertJson(list(ALICE, null, issuedBefore), 200)));
  }

  @Test
  void tasksWithIdsTheClientChoseAreListedByCreationTimeNotById() {
    // v4 ids in the reverse of their creation order.
    List<String> created = List.of("ffffffff-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000000");
    for (int i = 0; i < created.size(); i++) {
      Instant at = TestCrypto.NOW.plusMillis(i);
      store.create(Task.created(created.get(i), at, ALICE,
          dev.taskapi.domain.Placement.initial(ALICE, created.get(i), at, Optional.empty()),
          TestTasks.values("task " + i, "")));
    }

    assertEquals(created.reversed(), uuids(assertJson(list(ALICE, null, null), 200)));
    String cursor = assertJson(list(ALICE, "1", null), 200).get("next_cursor").asText();
    assertEquals(List.of(created.get(0)), uuids(assertJson(list(ALICE, "1", cursor), 200)));
  }

  @Test
  void cursorMadeWithAnotherKeyIs400() {
    List<String> alices = seed(ALICE, 3);
    byte[] otherKey = "another-cursor-key-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String foreign = new CursorCodec(otherKey).encode(ALICE, alices.get(1));
    assertProblem(list(ALICE, null, foreign), 400);
  }

  @Test
  void missingAuthorizerContextIs500() {
    assertProblem(Lambda.invoke(handler, Requests.empty(), new CapturingContext()), 500);
  }

  @Test
  void theCompletedFilterReachesTheStoreAndItsCursorsOnlyContinueThatFilter() {
    List<String> alices = seed(ALICE, 4);
    store.update(ALICE, alices.get(0), TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(), TestCrypto.NOW);
    store.update(ALICE, alices.get(2), TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(), TestCrypto.NOW);

    JsonNode first = assertJson(filtered("true", null), 200);
    assertEquals(List.of(alices.get(2)), uuids(first));
    assertEquals(Optional.of(true), store.queryCalls().getLast().query().completed());
    assertTrue(store.listCalls().isEmpty(), "in creation order, not the by-completed index's id order");
    String cursor = first.get("next_cursor").asText();
    assertEquals(List.of(alices.get(0)), uuids(assertJson(filtered("true", cursor), 200)));

    assertEquals(List.of("cursor"), invalidParamNames(assertProblem(filtered("false", cursor), 400)));
    assertEquals(List.of("cursor"), invalidParamNames(assertProblem(list(ALICE, "1", cursor), 400)));
    String unfiltered = assertJson(list(ALICE, "1", null), 200).get("next_cursor").asText();
    assertProblem(filtered("true", unfiltered), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "TRUE", "1", "yes", "true,false"})
  void aCompletedFilterOtherThanTrueOrFalseIs400(String value) {
    assertEquals(List.of("completed"), invalidParamNames(assertProblem(filtered(value, null), 400)));
  }

  @Test
  void aBadLimitAndBadQueryParametersAreNamedInOne400AndTheStoreIsNotAsked() {
    APIGatewayProxyRequestEvent event = Requests.asUser(Requests.empty(), ALICE);
    for (String[] parameter : List.of(new String[] {"limit", "0"}, new String[] {"sort", "position"},
        new String[] {"priority", "urgent"})) {
      event = Requests.withQuery(event, parameter[0], parameter[1]);
    }
    JsonNode problem = assertProblem(Lambda.invoke(handler, event, null), 400);
    assertEquals(List.of("limit", "priority", "sort"), invalidParamNames(problem));
    assertTrue(store.listCalls().isEmpty() && store.queryCalls().isEmpty());
  }

  @Test
  void aQueryPagesByItsOwnCursorWhichNoOtherQueryAccepts() {
    List<String> alices = seed(ALICE, 3);
    APIGatewayProxyRequestEvent bySort =
        Requests.withQuery(Requests.withQuery(Requests.asUser(Requests.empty(), ALICE), "sort", "created"), "limit", "2");

    JsonNode first = assertJson(Lambda.invoke(handler, bySort, null), 200);
    assertEquals(alices.subList(0, 2), uuids(first), "oldest first");
    String cursor = first.get("next_cursor").asText();
    JsonNode second = assertJson(Lambda.invoke(handler, Requests.withQuery(bySort, "cursor", cursor), null), 200);
    assertEquals(alices.subList(2, 3), uuids(second));
    assertTrue(second.get("next_cursor").isNull());
    assertTrue(store.listCalls().isEmpty(), "not the seed's listing");
    assertEquals(List.of("cursor"), invalidParamNames(assertProblem(list(ALICE, "2", cursor), 400)));
  }

  private APIGatewayProxyResponseEvent filtered(String completed, String cursor) {
    APIGatewayProxyRequestEvent event =
        Requests.withQuery(Requests.withQuery(Requests.asUser(Requests.empty(), ALICE), "completed", completed), "limit", "1");
    return Lambda.invoke(handler, cursor == null ? event : Requests.withQuery(event, "cursor", cursor), null);
  }
}
