package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ids chosen by the client (issue 23, "Ids chosen by the client") over real HTTP: {@code uuid} on {@code POST /tasks}
 * and {@code POST /lists}; the same uuid and content again is a 201 replay with {@code Idempotent-Replayed}, other
 * content a 409, another account's uuid its own; a bad uuid a 400 that writes nothing.
 */
class ClientIdsEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response send(String method, Account account, String path, Object body, String... headers) {
    List<String> all = new ArrayList<>(List.of("Authorization", account.bearer()));
    all.addAll(List.of(headers));
    return api.send(method, path, body == null ? null : ApiClient.json(body), all.toArray(String[]::new));
  }

  private JsonNode tasks(Account account) {
    Response listed = api.listTasks(account, "");
    assertEquals(200, listed.status(), listed.text());
    return listed.json().path("tasks");
  }

  @Test
  void theSameUuidAndBodyAgainIsA201ReplayOfTheTaskAsItIsNow() {
    Account ada = api.newAccount();
    String id = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("uuid", id.toUpperCase(Locale.ROOT), "title", "Written offline");

    Response first = api.createTask(ada, body);
    Response edit = send("PATCH", ada, "/tasks/" + id, Map.of("completed", true));
    Response replay = api.createTask(ada, body);

    assertEquals(201, first.status(), first.text());
    assertEquals(id, first.json().path("task").path("uuid").asText(), "the client's id, in lower case");
    assertFalse(first.header("Idempotent-Replayed").isPresent());
    assertEquals(200, edit.status(), edit.text());
    assertEquals(201, replay.status(), replay.text());
    assertEquals("true", replay.header("Idempotent-Replayed").orElseThrow());
    assertEquals(edit.json().path("task"), replay.json().path("task"), "the task as it is now");
    assertEquals(1, tasks(ada).size());
  }

  @Test
  void theSameUuidWithAnotherBodyIsA409AndChangesNothing() {
    Account ada = api.newAccount();
    String id = UUID.randomUUID().toString();
    Response first = api.createTask(ada, Map.of("uuid", id, "title", "Mine"));

    Response other = api.createTask(ada, Map.of("uuid", id, "title", "Mine", "priority", "high"));

    assertEquals(201, first.status(), first.text());
    assertProblem(other, 409);
    assertEquals(List.of(first.json().path("task")), List.of(tasks(ada).get(0)));
    assertEquals(1, tasks(ada).size());
  }

  @Test
  void idsArePerAccountAndAnotherAccountsTaskIsNeverRevealed() {
    Account ada = api.newAccount();
    Account bob = api.newAccount();
    String id = UUID.randomUUID().toString();
    Response adas = api.createTask(ada, Map.of("uuid", id, "title", "Ada's secret"));

    Response bobs = api.createTask(bob, Map.of("uuid", id, "title", "Bob's"));
    Response bobsReplay = api.createTask(bob, Map.of("uuid", id, "title", "Bob's"));
    Response bobsOther = api.createTask(bob, Map.of("uuid", id, "title", "Ada's secret"));

    assertEquals(201, adas.status(), adas.text());
    assertEquals(201, bobs.status(), "user B creating user A's uuid: " + bobs.text());
    assertEquals(bob.id(), bobs.json().path("task").path("user_id").asText());
    assertEquals("Bob's", bobsReplay.json().path("task").path("title").asText());
    assertProblem(bobsOther, 409);
    assertFalse(bobsOther.text().contains("Ada"), bobsOther.text());
    assertEquals("Ada's secret", send("GET", ada, "/tasks/" + id, null).json().path("task").path("title").asText());
    assertEquals("Bob's", send("GET", bob, "/tasks/" + id, null).json().path("task").path("title").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "6f1c9a3e-4b2d-4c8e-cf00-1a2b3c4d5e6f",
        "6f1c9a3e4b2d4c8e9f001a2b3c4d5e6f",
        "not a uuid"
      })
  void anInvalidUuidIsA400NamingItWithNothingWritten(String uuid) {
    Account ada = api.newAccount();

    Response task = api.createTask(ada, Map.of("uuid", uuid, "title", "t"));
    Response list = send("POST", ada, "/lists", Map.of("uuid", uuid, "title", "t"));

    assertProblem(task, 400);
    assertEquals("uuid", task.json().path("invalid_params").get(0).path("name").asText());
    assertProblem(list, 400);
    assertEquals(0, tasks(ada).size());
    assertEquals(1, send("GET", ada, "/lists", null).json().path("lists").size(), "the Inbox alone");
  }

  @Test
  void anIdempotencyKeyWithAUuidAnswersTheOriginalAndAReusedKeyWithAnotherUuidIs422() {
    Account ada = api.newAccount();
    String key = UUID.randomUUID().toString();
    String id = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("uuid", id, "title", "t");

    Response first = send("POST", ada, "/tasks", body, "Idempotency-Key", key);
    Response retry = send("POST", ada, "/tasks", body, "Idempotency-Key", key);
    Response otherId =
        send("POST", ada, "/tasks", Map.of("uuid", UUID.randomUUID().toString(), "title", "t"), "Idempotency-Key", key);

    assertEquals(201, first.status(), first.text());
    assertEquals(first.json(), retry.json());
    assertEquals("true", retry.header("Idempotent-Replayed").orElseThrow());
    assertProblem(otherId, 422);
    assertEquals(1, tasks(ada).size());
  }

  @Test
  void getTasksListsInCreationOrderWhateverTheIdsNewestFirstByDefaultAndPageByPage() {
    Account ada = api.newAccount();
    // v4 ids created in the reverse of their order as ids, with a server's id among them.
    List<String> created = new ArrayList<>();
    for (String id : List.of("ffffffff-ffff-4fff-bfff-fffffffffff0", "", "00000000-0000-4000-8000-000000000002")) {
      Response task = api.createTask(ada, id.isEmpty() ? Map.of("title", "server's") : Map.of("uuid", id, "title", id));
      assertEquals(201, task.status(), task.text());
      created.add(task.json().path("task").path("uuid").asText());
    }

    assertEquals(created.reversed(), uuids(tasks(ada)), "newest first");
    assertEquals(created, uuids(api.listTasks(ada, "?sort=created").json().path("tasks")));
    List<String> paged = new ArrayList<>();
    String query = "?limit=1";
    while (true) {
      Response page = api.listTasks(ada, query);
      assertEquals(200, page.status(), page.text());
      paged.addAll(uuids(page.json().path("tasks")));
      if (page.json().path("next_cursor").isNull()) {
        break;
      }
      query = "?limit=1&cursor=" + page.json().path("next_cursor").asText();
    }
    assertEquals(created.reversed(), paged, "a page at a time");
  }

  private static List<String> uuids(JsonNode tasks) {
    List<String> ids = new ArrayList<>();
    tasks.forEach(task -> ids.add(task.path("uuid").asText()));
    return ids;
  }

  @Test
  void listsTakeAUuidTooAndStayInCreationOrderWhateverTheirIds() {
    Account ada = api.newAccount();
    // Created in the reverse of their ids' order.
    String highId = "ffffffff-ffff-4fff-bfff-ffffffffffff";
    String lowId = "00000000-0000-4000-8000-000000000001";
    Response a = send("POST", ada, "/lists", Map.of("uuid", highId, "title", "Created first"));
    Response b = send("POST", ada, "/lists", Map.of("uuid", lowId, "title", "Created second"));
    Response replay = send("POST", ada, "/lists", Map.of("uuid", highId, "title", "Created first"));
    Response conflict = send("POST", ada, "/lists", Map.of("uuid", highId, "title", "Another"));
    Response inbox = send("POST", ada, "/lists", Map.of("uuid", TaskLists.defaultListId(ada.id()), "title", "Mine"));

    assertEquals(201, a.status(), a.text());
    assertEquals(201, b.status(), b.text());
    assertEquals(201, replay.status(), replay.text());
    assertEquals("true", replay.header("Idempotent-Replayed").orElseThrow());
    assertEquals(a.json(), replay.json());
    assertProblem(conflict, 409);
    assertProblem(inbox, 409);
    JsonNode lists = send("GET", ada, "/lists", null).json().path("lists");
    assertEquals(
        List.of(TaskLists.defaultListId(ada.id()), highId, lowId),
        List.of(lists.get(0).path("uuid").asText(), lists.get(1).path("uuid").asText(), lists.get(2).path("uuid").asText()));
    Response task = api.createTask(ada, Map.of("title", "in a client's list", "list_id", lowId));
    assertEquals(201, task.status(), task.text());
  }
}
