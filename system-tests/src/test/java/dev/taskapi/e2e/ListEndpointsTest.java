package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TaskItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * POST, GET, PATCH and DELETE /lists over real HTTP against the local stack (every answer checked against
 * openapi.yaml by the client): the default Inbox of new and old accounts, If-Match, owner isolation, bad input
 * that writes nothing, and deletion taking the list's tasks along. This stack deletes one page of 500 tasks per
 * request ({@code ListDeletionBudgetMs} 0), so a large list's deletion continues over several 503s.
 */
class ListEndpointsTest {
  private static LocalApi stack;
  private static ApiClient api;
  private static StackTable table;

  @BeforeAll
  static void start() {
    stack = LocalApi.startPrivate(options -> options.withParameterOverrides(Map.of("ListDeletionBudgetMs", "0")));
    api = stack.client();
    table = new StackTable(stack.stack());
  }

  @AfterAll
  static void stop() {
    table.close();
    stack.close();
  }

  private static Response send(String method, Account account, String path, Object body, String... headers) {
    List<String> all = new ArrayList<>(List.of("Authorization", account.bearer()));
    all.addAll(List.of(headers));
    return api.send(method, path, body == null ? null : ApiClient.json(body), all.toArray(String[]::new));
  }

  private static JsonNode create(Account account, String title) {
    Response created = send("POST", account, "/lists", Map.of("title", title));
    assertEquals(201, created.status(), created.text());
    return created.json().path("list");
  }

  private static JsonNode lists(Account account) {
    Response all = send("GET", account, "/lists", null);
    assertEquals(200, all.status(), all.text());
    return all.json().path("lists");
  }

  @Test
  void aNewAccountHasItsInboxAndCreatedListsFollowIt() {
    Account ada = api.newAccount();
    String inbox = TaskLists.defaultListId(ada.id());

    JsonNode before = lists(ada);
    JsonNode work = create(ada, "Work");
    JsonNode after = lists(ada);

    assertEquals(1, before.size());
    assertEquals(inbox, before.get(0).path("uuid").asText());
    assertEquals("Inbox", before.get(0).path("title").asText());
    assertTrue(before.get(0).path("default").asBoolean());
    assertEquals(List.of(inbox, work.path("uuid").asText()),
        List.of(after.get(0).path("uuid").asText(), after.get(1).path("uuid").asText()));
    assertFalse(work.path("default").asBoolean(true));
    Response read = send("GET", ada, "/lists/" + work.path("uuid").asText(), null);
    assertEquals(200, read.status(), read.text());
    assertEquals("\"1\"", read.header("ETag").orElseThrow());
    assertEquals(work, read.json().path("list"));
  }

  /** Data an account left before lists existed: tasks without list_id, no list item. It has its Inbox all the same. */
  @Test
  void anAccountFromBeforeListsHasItsInboxWhichItCanRenameOnce() {
    Account old = api.newAccount();
    Response task = api.createTask(old, Map.of("title", "Written before lists"));
    assertEquals(201, task.status(), task.text());
    String inbox = TaskLists.defaultListId(old.id());
    assertFalse(table.contains(TaskItem.partitionKey(old.id()), ListItem.sortKey(inbox)), "no list item");

    Response read = send("GET", old, "/lists/" + inbox, null);
    assertEquals(200, read.status(), read.text());
    assertEquals("\"0\"", read.header("ETag").orElseThrow());
    Response renamed = send("PATCH", old, "/lists/" + inbox, Map.of("title", "Today"), "If-Match", "\"0\"");
    Response again = send("PATCH", old, "/lists/" + inbox, Map.of("title", "Later"), "If-Match", "\"0\"");

    assertEquals(200, renamed.status(), renamed.text());
    assertEquals("\"1\"", renamed.header("ETag").orElseThrow());
    assertProblem(again, 412);
    assertEquals("Today", lists(old).get(0).path("title").asText());
    assertEquals(1, lists(old).size(), "one default list, however it was written");
    assertEquals(200, api.send("GET", "/tasks/" + task.json().path("task").path("uuid").asText(), null,
        "Authorization", old.bearer()).status());
  }

  @Test
  void aRenameNeedsTheCurrentVersionWhenIfMatchIsSent() {
    Account ada = api.newAccount();
    String id = create(ada, "Work").path("uuid").asText();

    Response first = send("PATCH", ada, "/lists/" + id, Map.of("title", "Job"), "If-Match", "\"1\"");
    Response stale = send("PATCH", ada, "/lists/" + id, Map.of("title", "Other"), "If-Match", "\"1\"");
    Response star = send("PATCH", ada, "/lists/" + id, Map.of("title", "Career"), "If-Match", "*");

    assertEquals(200, first.status(), first.text());
    assertEquals("List updated", first.json().path("message").asText());
    assertEquals("\"2\"", first.header("ETag").orElseThrow());
    assertProblem(stale, 412);
    assertEquals(200, star.status(), star.text());
    assertEquals("Career", send("GET", ada, "/lists/" + id, null).json().path("list").path("title").asText());
  }

  @Test
  void theDefaultListCannotBeDeleted() {
    Account ada = api.newAccount();
    String inbox = TaskLists.defaultListId(ada.id());

    Response refused = send("DELETE", ada, "/lists/" + inbox, null);

    assertEquals(409, refused.status(), refused.text());
    assertProblem(refused, 409);
    assertEquals(200, send("GET", ada, "/lists/" + inbox, null).status());
  }

  @Test
  void someoneElsesListIsAbsentToEveryRoute() {
    Account ada = api.newAccount();
    Account eve = api.newAccount();
    String id = create(ada, "Private").path("uuid").asText();
    String adasInbox = TaskLists.defaultListId(ada.id());
    Map<String, Map<String, AttributeValue>> before = table.snapshot();

    for (String path : List.of("/lists/" + id, "/lists/" + adasInbox)) {
      assertProblem(send("GET", eve, path, null), 404);
      assertProblem(send("PATCH", eve, path, Map.of("title", "Mine")), 404);
      assertProblem(send("DELETE", eve, path, null), 404);
    }

    assertEquals(before, table.snapshot(), "nothing written");
    assertEquals(1, lists(eve).size());
  }

  @Test
  void badInputIs400WithTheFieldsNamedAndWritesNothing() {
    Account ada = api.newAccount();
    String id = create(ada, "Work").path("uuid").asText();
    Map<String, Map<String, AttributeValue>> before = table.snapshot();

    Map<Response, String> bad = new HashMap<>();
    bad.put(send("POST", ada, "/lists", Map.of("title", " ")), "title");
    bad.put(send("POST", ada, "/lists", Map.of("name", "Work")), "title");
    bad.put(send("POST", ada, "/lists", Map.of("title", "x".repeat(201))), "title");
    bad.put(send("PATCH", ada, "/lists/" + id, Map.of("title", "")), "title");
    bad.put(send("PATCH", ada, "/lists/" + id, Map.of("title", "Job"), "If-Match", "1"), "If-Match");
    bad.put(send("GET", ada, "/lists/not-a-uuid", null), "list_id");
    bad.put(send("DELETE", ada, "/lists/not-a-uuid", null), "list_id");

    bad.forEach((response, field) -> {
      assertProblem(response, 400);
      assertEquals(field, response.json().path("invalid_params").get(0).path("name").asText(), response.text());
    });
    assertProblem(api.send("POST", "/lists", "[1]", "Authorization", ada.bearer()), 400);
    assertEquals(before, table.snapshot(), "nothing written");
  }

  @Test
  void deletingAListDeletesItsTasksOverSeveral503sAndNothingOfItStaysReadable() {
    Account ada = api.newAccount();
    String work = create(ada, "Work").path("uuid").asText();
    String home = create(ada, "Home").path("uuid").asText();
    seedTasks(ada, work, 1_100); // as tasks will be written with a list_id: three pages of 500 at most
    seedTasks(ada, home, 3);
    Response inboxTask = api.createTask(ada, Map.of("title", "In the Inbox"));

    List<Integer> statuses = new ArrayList<>();
    Response answer;
    do {
      answer = send("DELETE", ada, "/lists/" + work, null);
      statuses.add(answer.status());
      if (answer.status() == 503) {
        assertEquals("1", answer.header("Retry-After").orElseThrow());
        assertProblem(answer, 503);
        assertProblem(send("GET", ada, "/lists/" + work, null), 404); // gone from the first request on
        assertEquals(List.of(TaskLists.defaultListId(ada.id()), home), uuids(lists(ada)));
      }
    } while (answer.status() == 503 && statuses.size() < 10);

    assertEquals(200, answer.status(), answer.text());
    assertEquals("List deleted", answer.json().path("message").asText());
    assertTrue(statuses.size() >= 3 && statuses.subList(0, statuses.size() - 1).stream().allMatch(s -> s == 503),
        statuses.toString());
    Map<String, Map<String, AttributeValue>> left = table.snapshot();
    assertEquals(0, tasksIn(left, ada, work), "a task of the deleted list is left");
    assertFalse(left.containsKey(TaskItem.partitionKey(ada.id()) + "|" + ListItem.sortKey(work)));
    assertEquals(3, tasksIn(left, ada, home), "another list's tasks stay");
    assertEquals(200, api.send("GET", "/tasks/" + inboxTask.json().path("task").path("uuid").asText(), null,
        "Authorization", ada.bearer()).status());
    assertProblem(send("DELETE", ada, "/lists/" + work, null), 404);
    assertProblem(send("PATCH", ada, "/lists/" + work, Map.of("title", "Back")), 404);
  }

  @Test
  void deletingTheAccountDeletesItsLists() {
    Account ada = api.newAccount();
    create(ada, "Work");
    assertEquals(200, send("PATCH", ada, "/lists/" + TaskLists.defaultListId(ada.id()), Map.of("title", "Today"))
        .status());
    String partition = TaskItem.partitionKey(ada.id()) + "|";
    assertTrue(table.snapshot().keySet().stream().filter(k -> k.startsWith(partition)).count() >= 3);

    Response deleted = api.send("DELETE", "/auth/me", ApiClient.json(Map.of("password", ada.password())),
        "Authorization", ada.bearer());

    assertEquals(200, deleted.status(), deleted.text());
    assertEquals(List.of(), table.snapshot().keySet().stream().filter(k -> k.startsWith(partition)).toList());
  }

  /** The task items of the account's in the table that carry {@code listId}. */
  private static long tasksIn(Map<String, Map<String, AttributeValue>> items, Account account, String listId) {
    String tasks = TaskItem.partitionKey(account.id()) + "|" + TaskItem.SORT_PREFIX;
    return items.entrySet().stream()
        .filter(e -> e.getKey().startsWith(tasks))
        .filter(e -> e.getValue().containsKey(TaskItem.LIST_ID) && e.getValue().get(TaskItem.LIST_ID).s().equals(listId))
        .count();
  }

  private static List<String> uuids(JsonNode lists) {
    List<String> ids = new ArrayList<>();
    lists.forEach(list -> ids.add(list.path("uuid").asText()));
    return ids;
  }

  /** {@code count} task items of the account's carrying {@code list_id}, as the task model will write them. */
  private static void seedTasks(Account account, String listId, int count) {
    TaskIds ids = new TaskIds();
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = ids.next(System.currentTimeMillis()).toString();
      String created = TaskIds.createdAt(id).toString();
      items.add(Map.of(
          "pk", AttributeValue.fromS(TaskItem.partitionKey(account.id())),
          "sk", AttributeValue.fromS(TaskItem.SORT_PREFIX + id),
          TaskItem.TASK_ID, AttributeValue.fromS(id),
          TaskItem.USER_ID, AttributeValue.fromS(account.id()),
          TaskFields.TITLE.name(), AttributeValue.fromS("Task " + i),
          TaskFields.DESCRIPTION.name(), AttributeValue.fromS(""),
          TaskItem.CREATED_AT, AttributeValue.fromS(created),
          TaskItem.LIST_ID, AttributeValue.fromS(listId)));
    }
    table.putAll(items);
  }
}
