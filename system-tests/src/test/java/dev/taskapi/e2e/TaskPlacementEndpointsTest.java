package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.schema.TaskItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * list_id and position over real HTTP (issue 22): creating into a list, moving by PATCH of list_id and by
 * POST /tasks/{task_id}/move, and the order the positions give, read back from each task as the API answers it.
 * Every answer is held to openapi.yaml's strict Task schema by {@link ApiClient}.
 */
class TaskPlacementEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response send(String method, Account account, String path, Object body, String... headers) {
    List<String> all = new ArrayList<>(List.of("Authorization", account.bearer()));
    all.addAll(List.of(headers));
    return api.send(method, path, body == null ? null : ApiClient.json(body), all.toArray(String[]::new));
  }

  private String list(Account account, String title) {
    Response created = send("POST", account, "/lists", Map.of("title", title));
    assertEquals(201, created.status(), created.text());
    return created.json().path("list").path("uuid").asText();
  }

  private JsonNode task(Account account, Map<String, Object> body) {
    Response created = send("POST", account, "/tasks", body);
    assertEquals(201, created.status(), created.text());
    return created.json().path("task");
  }

  private String task(Account account, String title) {
    return task(account, Map.of("title", title)).path("uuid").asText();
  }

  private JsonNode read(Account account, String taskId) {
    Response response = send("GET", account, "/tasks/" + taskId, null);
    assertEquals(200, response.status(), response.text());
    return response.json().path("task");
  }

  private JsonNode move(Account account, String taskId, Map<String, Object> body) {
    Response moved = send("POST", account, "/tasks/" + taskId + "/move", body);
    assertEquals(200, moved.status(), moved.text());
    assertEquals("Task moved", moved.json().path("message").asText());
    return moved.json().path("task");
  }

  private static Map<String, Object> after(String taskId) {
    Map<String, Object> body = new HashMap<>();
    body.put("after", taskId); // null: first
    return body;
  }

  /** The ids of {@code taskIds} in {@code listId}, in the order of their positions as the API answers them. */
  private List<String> order(Account account, String listId, List<String> taskIds) {
    return taskIds.stream()
        .map(id -> read(account, id))
        .filter(task -> task.path("list_id").asText().equals(listId))
        .sorted(Comparator.comparing((JsonNode t) -> t.path("position").asText())
            .thenComparing(t -> t.path("uuid").asText()))
        .map(t -> t.path("uuid").asText())
        .toList();
  }

  /** The items of the account's partition, to show a refused request wrote nothing. */
  static Map<String, Map<String, AttributeValue>> partition(Account account) {
    try (StackTable table = new StackTable(LocalApi.shared().stack())) {
      String prefix = TaskItem.partitionKey(account.id()) + "|";
      return table.snapshot().entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
  }

  @Test
  void aTaskIsCreatedInTheInboxOrInTheListItNamesAndAnUnknownListIsA404WithNothingWritten() {
    Account ada = api.newAccount();
    String work = list(ada, "Work");

    JsonNode inbox = task(ada, Map.of("title", "inbox"));
    JsonNode inWork = task(ada, Map.of("title", "work", "list_id", work.toUpperCase()));

    assertEquals(TaskLists.defaultListId(ada.id()), inbox.path("list_id").asText());
    assertEquals(work, inWork.path("list_id").asText());
    assertEquals(work, read(ada, inWork.path("uuid").asText()).path("list_id").asText());
    Map<String, Map<String, AttributeValue>> before = partition(ada);
    assertProblem(send("POST", ada, "/tasks", Map.of("title", "t", "list_id", UUID.randomUUID().toString())), 404);
    Account bob = api.newAccount();
    assertProblem(send("POST", bob, "/tasks", Map.of("title", "in ada's list", "list_id", work)), 404);
    assertEquals(before, partition(ada), "nothing written");
    assertEquals(0, api.listTasks(bob, "").json().path("tasks").size(), "nothing written");
  }

  @Test
  void aListIdThatIsNoUuidOrAPositionSentIsA400NamingThemAndWritesNothing() {
    Account ada = api.newAccount();
    String taskId = task(ada, "t");
    Map<String, Map<String, AttributeValue>> before = partition(ada);

    Response created = send("POST", ada, "/tasks", Map.of("title", "t", "list_id", "work", "position", "a0"));
    Response patched = send("PATCH", ada, "/tasks/" + taskId, Map.of("position", "a0", "list_id", 7));
    Map<String, Object> nullList = new HashMap<>();
    nullList.put("list_id", null);
    Response moved = send("POST", ada, "/tasks/" + taskId + "/move", Map.of("after", taskId, "list_id", "x"));

    Response cleared = send("PATCH", ada, "/tasks/" + taskId, nullList);

    assertEquals(List.of("list_id", "position"), names(created, 400));
    assertEquals(List.of("list_id", "position"), names(patched, 400));
    assertEquals(List.of("list_id"), names(cleared, 400), "a task is always in a list");
    assertEquals(List.of("list_id", "after"), names(moved, 400));
    assertEquals(before, partition(ada), "nothing written");
  }

  @Test
  void aPatchOfListIdMovesTheTaskToTheEndOfThatListWithItsOtherChangesInOneVersion() {
    Account ada = api.newAccount();
    String work = list(ada, "Work");
    String first = task(ada, Map.of("title", "w", "list_id", work)).path("uuid").asText();
    String taskId = task(ada, "to move");

    Response moved = send("PATCH", ada, "/tasks/" + taskId, Map.of("list_id", work, "title", "moved"), "If-Match",
        "\"1\"");

    assertEquals(200, moved.status(), moved.text());
    assertEquals("\"2\"", moved.header("ETag").orElseThrow());
    JsonNode task = moved.json().path("task");
    assertEquals(work, task.path("list_id").asText());
    assertEquals("moved", task.path("title").asText());
    assertEquals(List.of(first, taskId), order(ada, work, List.of(taskId, first)), "last in its new list");
    String position = task.path("position").asText();
    Response again = send("PATCH", ada, "/tasks/" + taskId, Map.of("list_id", work));
    assertEquals(position, again.json().path("task").path("position").asText(), "its own list: it stays");
    assertProblem(send("PATCH", ada, "/tasks/" + taskId, Map.of("list_id", UUID.randomUUID().toString())), 404);
    assertEquals(work, read(ada, taskId).path("list_id").asText(), "unchanged");
  }

  @Test
  void movesPutTasksFirstLastOrAfterAnotherAndTheOrderReadsBackFromThePositions() {
    Account ada = api.newAccount();
    String inbox = TaskLists.defaultListId(ada.id());
    List<String> ids = new ArrayList<>();
    for (String title : List.of("a", "b", "c", "d", "e")) {
      ids.add(task(ada, title));
    }
    String a = ids.get(0);
    String b = ids.get(1);
    String c = ids.get(2);
    String d = ids.get(3);
    String e = ids.get(4);
    assertEquals(ids, order(ada, inbox, ids), "created: each last");

    move(ada, e, after(null)); // e a b c d
    move(ada, a, after(c)); // e b c a d
    move(ada, b, Map.of()); // e c a d b
    move(ada, d, after(e)); // e d c a b
    JsonNode last = move(ada, c, after(b)); // e d a b c

    assertEquals(List.of(e, d, a, b, c), order(ada, inbox, ids));
    assertEquals(inbox, last.path("list_id").asText());
  }

  @Test
  void aMoveToAnotherListGoesWhereItSaysAndItsWrongInputChangesNothing() {
    Account ada = api.newAccount();
    String work = list(ada, "Work");
    String w1 = task(ada, Map.of("title", "w1", "list_id", work)).path("uuid").asText();
    String w2 = task(ada, Map.of("title", "w2", "list_id", work)).path("uuid").asText();
    String x = task(ada, "x");
    String y = task(ada, "y");
    String stranger = task(api.newAccount(), "someone else's");

    Map<String, Object> intoWorkAfterW1 = new HashMap<>(after(w1));
    intoWorkAfterW1.put("list_id", work);
    assertEquals(work, move(ada, x, intoWorkAfterW1).path("list_id").asText());
    Map<String, Object> intoWorkFirst = new HashMap<>(after(null));
    intoWorkFirst.put("list_id", work);
    move(ada, y, intoWorkFirst);
    assertEquals(List.of(y, w1, x, w2), order(ada, work, List.of(w1, w2, x, y)));

    String inboxTask = task(ada, "inbox");
    Map<String, Map<String, AttributeValue>> before = partition(ada);
    assertProblem(send("POST", ada, "/tasks/" + inboxTask + "/move", after(w1)), 400); // w1 is in another list
    assertProblem(send("POST", ada, "/tasks/" + inboxTask + "/move", after(stranger)), 404);
    assertProblem(send("POST", ada, "/tasks/" + inboxTask + "/move",
        Map.of("list_id", UUID.randomUUID().toString())), 404);
    assertProblem(send("POST", ada, "/tasks/" + inboxTask + "/move", Map.of(), "If-Match", "\"5\""), 412);
    assertProblem(send("POST", ada, "/tasks/" + stranger + "/move", Map.of()), 404);
    assertEquals(before, partition(ada), "nothing written");
  }

  @Test
  void deletingAListDeletesTheTasksMovedIntoItAndDeletingTheAccountDeletesEverything() {
    Account ada = api.newAccount();
    String work = list(ada, "Work");
    String moved = task(ada, "moved");
    String kept = task(ada, "kept");
    assertEquals(200, send("PATCH", ada, "/tasks/" + moved, Map.of("list_id", work)).status());

    assertEquals(200, send("DELETE", ada, "/lists/" + work, null).status());

    assertProblem(send("GET", ada, "/tasks/" + moved, null), 404);
    assertEquals(200, send("GET", ada, "/tasks/" + kept, null).status());
    String home = list(ada, "Home");
    move(ada, kept, Map.of("list_id", home));
    Response deleted = send("DELETE", ada, "/auth/me", Map.of("password", ada.password()));
    assertEquals(200, deleted.status(), deleted.text());
    assertEquals(Map.of(), partition(ada), "no task, list or record of the account is left");
  }

  /** The names in the {@code invalid_params} of a problem answer with {@code status}. */
  static List<String> names(Response response, int status) {
    assertProblem(response, status);
    List<String> names = new ArrayList<>();
    response.json().path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }
}
