package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static dev.taskapi.e2e.AuthEndpointsTest.fieldNames;
import static dev.taskapi.e2e.AuthEndpointsTest.runAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /tasks, GET /tasks and DELETE /tasks/{task_id} over real HTTP against the local stack. */
class TaskEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  @Test
  void createAnswers201WithTheSeedShape() {
    Account ada = api.newAccount();
    Instant before = Instant.now().minusSeconds(1);

    Response response = api.createTask(ada, Map.of("title", "Sample Task", "description", "A description."));

    assertEquals(201, response.status(), response.text());
    JsonNode task = response.json().path("task");
    assertEquals("Task created", response.json().path("message").asText());
    // Every member and its type: ApiClient holds the answer to openapi.yaml's Task (additionalProperties: false).
    assertTrue(fieldNames(task).containsAll(List.of("uuid", "title", "description", "user_id", "created_at")), "the seed's");
    assertEquals("Sample Task", task.path("title").asText());
    assertEquals("A description.", task.path("description").asText());
    assertEquals(ada.id(), task.path("user_id").asText());
    assertEquals(7, UUID.fromString(task.path("uuid").asText()).version());
    String createdAt = task.path("created_at").asText();
    assertTrue(createdAt.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), createdAt);
    assertTrue(Instant.parse(createdAt).isAfter(before));
  }

  @Test
  void descriptionDefaultsToEmptyAndUnicodeIsKeptExactly() {
    Account ada = api.newAccount();
    String title = "Café 🚀 日本語 \u202e mixed \"quotes\" \\ and \n newline";
    Response created = api.createTask(ada, Map.of("title", title));

    assertEquals(201, created.status(), created.text());
    assertEquals("", created.json().path("task").path("description").asText());
    JsonNode listed = api.listTasks(ada, "").json().path("tasks").get(0);
    assertEquals(title, listed.path("title").asText());
  }

  @Test
  void serverOwnedFieldsInTheBodyAreIgnored() {
    Account ada = api.newAccount();
    Account eve = api.newAccount();
    Response response =
        api.createTask(
            eve,
            Map.of(
                "title", "mine",
                "user_id", ada.id(),
                "created_at", "1999-01-01T00:00:00Z"));

    assertEquals(201, response.status());
    JsonNode task = response.json().path("task");
    assertEquals(eve.id(), task.path("user_id").asText());
    assertTrue(task.path("created_at").asText().startsWith("20"));
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"title\":\"\"}",
        "{\"title\":\"   \"}",
        "{\"title\":null}",
        "{\"title\":5}",
        "{\"title\":{\"a\":1}}",
        "{\"title\":\"ok\",\"description\":7}",
        "{\"title\":\"ok\",\"description\":null}",
        "not json",
        "[{\"title\":\"x\"}]",
        ""
      })
  void invalidTasksAre400AndCreateNothing(String body) {
    Account ada = api.newAccount();
    Response response =
        api.send("POST", "/tasks", body.isEmpty() ? null : body, "Authorization", ada.bearer());

    assertEquals(400, response.status(), body + " -> " + response.text());
    assertProblem(response, 400);
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size());
  }

  @Test
  void lengthBoundsAreExact() {
    Account ada = api.newAccount();
    assertEquals(201, api.createTask(ada, Map.of("title", "t".repeat(200))).status());
    assertEquals(400, api.createTask(ada, Map.of("title", "t".repeat(201))).status());
    assertEquals(201, api.createTask(ada, Map.of("title", "t", "description", "d".repeat(10_000))).status());
    assertEquals(400, api.createTask(ada, Map.of("title", "t", "description", "d".repeat(10_001))).status());
    assertEquals(201, api.createTask(ada, Map.of("title", "🚀".repeat(200))).status(), "code points count");
  }

  @Test
  void bodiesOver64KiBAre413() {
    Account ada = api.newAccount();
    Response response = api.createTask(ada, Map.of("title", "t", "description", "d".repeat(70_000)));

    assertEquals(413, response.status(), response.text());
    assertProblem(response, 413);
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size());
  }

  @Test
  void aNonJsonContentTypeIs415() {
    Account ada = api.newAccount();
    Response response =
        api.send("POST", "/tasks", "{\"title\":\"x\"}", "Authorization", ada.bearer(), "Content-Type", "text/plain");
    assertEquals(415, response.status());
    assertProblem(response, 415);
  }

  @Test
  void listShowsOnlyTheCallersTasksNewestFirst() {
    Account ada = api.newAccount();
    Account bob = api.newAccount();
    for (int i = 1; i <= 3; i++) {
      api.createTask(ada, Map.of("title", "ada " + i));
    }
    api.createTask(bob, Map.of("title", "bob 1"));

    Response response = api.listTasks(ada, "");

    assertEquals(200, response.status());
    List<String> titles = new ArrayList<>();
    response.json().path("tasks").forEach(t -> titles.add(t.path("title").asText()));
    assertEquals(List.of("ada 3", "ada 2", "ada 1"), titles);
    assertTrue(response.json().has("next_cursor"));
    assertTrue(response.json().path("next_cursor").isNull());
    response.json().path("tasks").forEach(t -> assertEquals(ada.id(), t.path("user_id").asText()));
  }

  @Test
  void pagesFollowCursorsToANullCursorOnTheLastPage() {
    Account ada = api.newAccount();
    for (int i = 0; i < 5; i++) {
      api.createTask(ada, Map.of("title", "task " + i));
    }

    Response first = api.listTasks(ada, "?limit=2");
    Response second = api.listTasks(ada, "?limit=2&cursor=" + first.json().path("next_cursor").asText());
    Response third = api.listTasks(ada, "?limit=2&cursor=" + second.json().path("next_cursor").asText());

    assertEquals(List.of("task 4", "task 3"), titles(first));
    assertEquals(List.of("task 2", "task 1"), titles(second));
    assertEquals(List.of("task 0"), titles(third));
    assertTrue(third.json().path("next_cursor").isNull());
    Response exact = api.listTasks(ada, "?limit=5");
    assertEquals(5, exact.json().path("tasks").size());
    assertTrue(exact.json().path("next_cursor").isNull(), "a full last page has no cursor");
  }

  @Test
  void forgedMalformedAndOtherUsersCursorsAre400() {
    Account ada = api.newAccount();
    Account bob = api.newAccount();
    for (int i = 0; i < 3; i++) {
      api.createTask(ada, Map.of("title", "task " + i));
    }
    String cursor = api.listTasks(ada, "?limit=1").json().path("next_cursor").asText();
    char last = cursor.charAt(10);
    String tampered = cursor.substring(0, 10) + (last == 'A' ? 'B' : 'A') + cursor.substring(11);

    for (String bad : List.of(tampered, "garbage", "", "%00", cursor + "A")) {
      Response response = api.listTasks(ada, "?cursor=" + bad);
      assertEquals(400, response.status(), bad + " -> " + response.text());
      assertProblem(response, 400);
    }
    assertEquals(400, api.listTasks(bob, "?cursor=" + cursor).status(), "cursors are bound to their user");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "abc", "1e3", "+5", "99999999999999999999", ""})
  void limitsOutside1To1000Are400(String limit) {
    Account ada = api.newAccount();
    Response response = api.listTasks(ada, "?limit=" + limit);
    assertEquals(400, response.status(), limit + " -> " + response.text());
    assertProblem(response, 400);
  }

  @Test
  void deleteRemovesTheTaskOnce() {
    Account ada = api.newAccount();
    String id = api.createTask(ada, Map.of("title", "doomed")).json().path("task").path("uuid").asText();

    Response deleted = api.deleteTask(ada, id);
    Response again = api.deleteTask(ada, id);

    assertEquals(200, deleted.status(), deleted.text());
    assertEquals("Task deleted", deleted.json().path("message").asText());
    assertEquals(404, again.status());
    assertProblem(again, 404);
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size());
  }

  @Test
  void anotherUsersTaskIsA404AndSurvives() {
    Account ada = api.newAccount();
    Account eve = api.newAccount();
    String id = api.createTask(ada, Map.of("title", "private")).json().path("task").path("uuid").asText();

    Response attempt = api.deleteTask(eve, id);
    Response missing = api.deleteTask(eve, UUID.randomUUID().toString());

    assertEquals(404, attempt.status());
    assertEquals(missing.json(), attempt.json(), "never reveal that the id exists");
    assertEquals(1, api.listTasks(ada, "").json().path("tasks").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "123", "0190f5a2-7c3e-7b8a-9f1e-2d3c4b5a697", "%27%20OR%201%3D1"})
  void nonUuidTaskIdsAre400(String id) {
    Account ada = api.newAccount();
    Response response = api.deleteTask(ada, id);
    assertEquals(400, response.status(), id + " -> " + response.text());
    assertProblem(response, 400);
  }

  @Test
  void sixtyFourConcurrentCreatesAreAllListedOnceAcrossPages() throws Exception {
    Account ada = api.newAccount();
    List<Callable<Response>> creates = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      int n = i;
      creates.add(() -> api.createTask(ada, Map.of("title", "burst " + n)));
    }
    Set<String> created = new HashSet<>();
    for (Response response : runAll(creates)) {
      assertEquals(201, response.status(), response.text());
      created.add(response.json().path("task").path("uuid").asText());
    }

    List<String> listed = new ArrayList<>();
    String cursor = null;
    do {
      Response page = api.listTasks(ada, "?limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(200, page.status());
      page.json().path("tasks").forEach(t -> listed.add(t.path("uuid").asText()));
      cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
    } while (cursor != null);

    assertEquals(64, created.size());
    assertEquals(64, listed.size(), "no duplicate and no gap across pages");
    assertEquals(created, new HashSet<>(listed));
    List<String> sorted = new ArrayList<>(listed);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, listed, "newest first");
  }

  @Test
  void concurrentDeletesOfEachTaskSucceedExactlyOnce() throws Exception {
    Account ada = api.newAccount();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      ids.add(api.createTask(ada, Map.of("title", "t" + i)).json().path("task").path("uuid").asText());
    }
    List<Callable<Integer>> deletes = new ArrayList<>();
    for (String id : ids) {
      deletes.add(() -> api.deleteTask(ada, id).status());
      deletes.add(() -> api.deleteTask(ada, id).status());
    }

    List<Integer> statuses = runAll(deletes);

    assertEquals(64, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
    assertEquals(64, statuses.stream().filter(s -> s == 404).count(), statuses.toString());
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size());
  }

  private static List<String> titles(Response page) {
    List<String> titles = new ArrayList<>();
    page.json().path("tasks").forEach(t -> titles.add(t.path("title").asText()));
    return titles;
  }
}
