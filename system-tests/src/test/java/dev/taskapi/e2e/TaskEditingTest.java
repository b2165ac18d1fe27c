package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static dev.taskapi.e2e.AuthEndpointsTest.runAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * GET and PATCH /tasks/{task_id} and GET /tasks?completed= over real HTTP: ETags, If-Match, completed and
 * updated_at, concurrent edits, and the filtered listing.
 */
class TaskEditingTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response get(Account account, String taskId) {
    return api.send("GET", "/tasks/" + taskId, null, "Authorization", account.bearer());
  }

  private Response patch(Account account, String taskId, Object body, String... ifMatch) {
    String[] headers = ifMatch.length == 0
        ? new String[] {"Authorization", account.bearer()}
        : new String[] {"Authorization", account.bearer(), "If-Match", ifMatch[0]};
    return api.send("PATCH", "/tasks/" + taskId, ApiClient.json(body), headers);
  }

  private String newTask(Account account) {
    Response created = api.createTask(account, Map.of("title", "Write the report", "description", "Due Friday"));
    assertEquals(201, created.status(), created.text());
    return created.json().path("task").path("uuid").asText();
  }

  @Test
  void aNewTaskReadsBackNotCompletedAtVersionOne() {
    Account ada = api.newAccount();
    String id = newTask(ada);

    Response response = get(ada, id);

    assertEquals(200, response.status(), response.text());
    assertEquals("\"1\"", response.header("ETag").orElseThrow());
    JsonNode task = response.json().path("task");
    assertEquals(id, task.path("uuid").asText());
    assertEquals("Write the report", task.path("title").asText());
    assertEquals(false, task.path("completed").asBoolean(true));
    assertEquals(task.path("created_at"), task.path("updated_at"));
  }

  @Test
  void patchChangesWhatWasSentAndTheNewETagGuardsTheNextEdit() throws Exception {
    Account ada = api.newAccount();
    String id = newTask(ada);
    Thread.sleep(5); // so updated_at is visibly later than created_at

    Response done = patch(ada, id, Map.of("completed", true), "\"1\"");

    assertEquals(200, done.status(), done.text());
    assertEquals("Task updated", done.json().path("message").asText());
    assertEquals("\"2\"", done.header("ETag").orElseThrow());
    JsonNode task = done.json().path("task");
    assertTrue(task.path("completed").asBoolean());
    assertEquals("Write the report", task.path("title").asText());
    assertTrue(Instant.parse(task.path("updated_at").asText()).isAfter(Instant.parse(task.path("created_at").asText())));
    assertEquals(task, get(ada, id).json().path("task"), "a read after the acknowledged write sees it");

    Response stale = patch(ada, id, Map.of("title", "lost update"), "\"1\"");
    assertProblem(stale, 412);
    assertEquals("Write the report", get(ada, id).json().path("task").path("title").asText());

    Response reopened = patch(ada, id, Map.of("completed", false, "title", "Rewrite"), done.header("ETag").orElseThrow());
    assertEquals(200, reopened.status(), reopened.text());
    assertEquals("\"3\"", reopened.header("ETag").orElseThrow());
    assertEquals(false, reopened.json().path("task").path("completed").asBoolean(true));
  }

  @Test
  void ofConcurrentPatchesWithOneETagExactlyOneWins() throws Exception {
    Account ada = api.newAccount();
    String id = newTask(ada);
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String title = "writer " + i;
      attempts.add(() -> patch(ada, id, Map.of("title", title), "\"1\"").status());
    }

    List<Integer> statuses = runAll(attempts);

    assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
    assertEquals(7, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    assertEquals("\"2\"", get(ada, id).header("ETag").orElseThrow());
  }

  @Test
  void anotherUsersTaskIsAbsentAndUnchanged() {
    Account ada = api.newAccount();
    Account eve = api.newAccount();
    String id = newTask(ada);

    assertProblem(get(eve, id), 404);
    assertProblem(patch(eve, id, Map.of("completed", true)), 404);
    assertProblem(patch(eve, id, Map.of("completed", true), "*"), 404);
    assertEquals(false, get(ada, id).json().path("task").path("completed").asBoolean(true));
  }

  @Test
  void badInputIs400AndChangesNothing() {
    Account ada = api.newAccount();
    String id = newTask(ada);

    assertProblem(get(ada, "not-a-uuid"), 400);
    assertProblem(patch(ada, "not-a-uuid", Map.of("completed", true)), 400);
    assertProblem(patch(ada, id, Map.of()), 400);
    assertProblem(patch(ada, id, Map.of("completed", "yes")), 400);
    assertProblem(patch(ada, id, Map.of("title", "t".repeat(201))), 400);
    assertProblem(patch(ada, id, Map.of("completed", true), "1"), 400);
    assertProblem(api.send("PATCH", "/tasks/" + id, null, "Authorization", ada.bearer()), 400);
    assertProblem(api.send("PATCH", "/tasks/" + id, "{}", "Authorization", "Bearer a.b.c"), 401);
    assertEquals("\"1\"", get(ada, id).header("ETag").orElseThrow());
  }

  @Test
  void theCompletedFilterPagesThroughOneStateAndFollowsEdits() {
    Account ada = api.newAccount();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(0, newTask(ada)); // newest first
    }
    for (String id : List.of(ids.get(0), ids.get(2), ids.get(4))) {
      assertEquals(200, patch(ada, id, Map.of("completed", true)).status());
    }

    Response first = api.listTasks(ada, "?completed=true&limit=2");
    assertEquals(200, first.status(), first.text());
    String cursor = first.json().path("next_cursor").asText();
    Response second = api.listTasks(ada, "?completed=true&limit=2&cursor=" + cursor);

    assertEquals(List.of(ids.get(0), ids.get(2)), uuids(first));
    assertEquals(List.of(ids.get(4)), uuids(second));
    assertTrue(second.json().path("next_cursor").isNull());
    assertEquals(List.of(ids.get(1), ids.get(3)), uuids(api.listTasks(ada, "?completed=false")));
    assertProblem(api.listTasks(ada, "?completed=false&limit=2&cursor=" + cursor), 400);
    assertProblem(api.listTasks(ada, "?completed=yes"), 400);

    assertEquals(200, patch(ada, ids.get(0), Map.of("completed", false)).status());
    assertEquals(List.of(ids.get(2), ids.get(4)), uuids(api.listTasks(ada, "?completed=true")));
  }

  /**
   * Tasks whose ids the client chose, created in descending id order (so id order is oldest first): {@code completed}
   * alone lists each state newest first, as the listing without it does, page after page.
   */
  @Test
  void theCompletedFilterListsTasksWithClientIdsNewestFirst() {
    Account ada = api.newAccount();
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      chosen.add(UUID.randomUUID().toString());
    }
    chosen.sort(Comparator.reverseOrder());
    List<String> newestFirst = new ArrayList<>();
    for (String id : chosen) {
      Response created = api.createTask(ada, Map.of("uuid", id, "title", "Write the report"));
      assertEquals(201, created.status(), created.text());
      newestFirst.add(0, id);
    }
    for (int i = 0; i < newestFirst.size(); i += 2) {
      assertEquals(200, patch(ada, newestFirst.get(i), Map.of("completed", true)).status());
    }

    assertEquals(List.of(newestFirst.get(0), newestFirst.get(2), newestFirst.get(4)), pages(ada, "completed=true"));
    assertEquals(List.of(newestFirst.get(1), newestFirst.get(3), newestFirst.get(5)), pages(ada, "completed=false"));
    assertEquals(newestFirst, pages(ada, ""), "as the listing without a filter");
  }

  /** Every task of the listing, two a page, following next_cursor. */
  private List<String> pages(Account account, String query) {
    List<String> ids = new ArrayList<>();
    String cursor = "";
    for (int page = 0; page < 10; page++) {
      Response response = api.listTasks(account, "?limit=2&" + query + cursor);
      assertEquals(200, response.status(), response.text());
      ids.addAll(uuids(response));
      JsonNode next = response.json().path("next_cursor");
      if (next.isNull()) {
        return ids;
      }
      cursor = "&cursor=" + next.asText();
    }
    throw new AssertionError("more than 10 pages: " + ids);
  }

  private static List<String> uuids(Response response) {
    List<String> uuids = new ArrayList<>();
    response.json().path("tasks").forEach(task -> uuids.add(task.path("uuid").asText()));
    return uuids;
  }
}
