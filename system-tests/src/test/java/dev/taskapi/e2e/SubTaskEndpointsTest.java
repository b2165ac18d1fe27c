package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static dev.taskapi.e2e.TaskPlacementEndpointsTest.names;
import static dev.taskapi.e2e.TaskPlacementEndpointsTest.partition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * parent_id over real HTTP (issue 22): creating sub-tasks, the refusals that write nothing (unknown parent, parent
 * in another list, too deep), listing one parent's sub-tasks, the cascade of a delete, re-parenting (the cycle's
 * 409, the depth's 400) and moving a parent with its sub-tasks to another list. Every answer is held to openapi.yaml's strict Task schema by {@link ApiClient}.
 */
class SubTaskEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response send(String method, Account account, String path, Object body) {
    return api.send(method, path, body == null ? null : ApiClient.json(body), "Authorization", account.bearer());
  }

  private JsonNode task(Account account, String title, String parentId) {
    Map<String, Object> body = new HashMap<>(Map.of("title", title));
    body.put("parent_id", parentId); // null: top-level, as a client sending every member does
    Response created = send("POST", account, "/tasks", body);
    assertEquals(201, created.status(), created.text());
    return created.json().path("task");
  }

  private String id(Account account, String title, String parentId) {
    return task(account, title, parentId).path("uuid").asText();
  }

  private List<String> listed(Account account, String query) {
    Response listed = send("GET", account, "/tasks" + query, null);
    assertEquals(200, listed.status(), listed.text());
    List<String> ids = new ArrayList<>();
    listed.json().path("tasks").forEach(t -> ids.add(t.path("uuid").asText()));
    return ids;
  }

  @Test
  void aSubTaskIsCreatedInItsParentsListReturnedWithItsParentAndListedByParent() {
    Account ada = api.newAccount();
    String inbox = TaskLists.defaultListId(ada.id());
    JsonNode top = task(ada, "top", null);
    assertTrue(top.has("parent_id") && top.path("parent_id").isNull(), top.toString());
    String parent = top.path("uuid").asText();

    JsonNode child = task(ada, "child", parent.toUpperCase());
    String second = id(ada, "second", parent);
    String grandchild = id(ada, "grandchild", child.path("uuid").asText());

    assertEquals(parent, child.path("parent_id").asText());
    assertEquals(inbox, child.path("list_id").asText());
    Response read = send("GET", ada, "/tasks/" + grandchild, null);
    assertEquals(child.path("uuid").asText(), read.json().path("task").path("parent_id").asText());
    assertEquals(List.of(child.path("uuid").asText(), second),
        listed(ada, "?list_id=" + inbox + "&parent_id=" + parent + "&sort=position"));
    assertEquals(List.of(grandchild),
        listed(ada, "?list_id=" + inbox + "&parent_id=" + child.path("uuid").asText()));
  }

  @Test
  void anUnknownParentIsA404AParentInAnotherListOrTooDeepA400AndNothingIsWritten() {
    Account ada = api.newAccount();
    Response list = send("POST", ada, "/lists", Map.of("title", "Work"));
    assertEquals(201, list.status(), list.text());
    String work = list.json().path("list").path("uuid").asText();
    String level0 = id(ada, "level 0", null);
    String level1 = id(ada, "level 1", level0);
    String level2 = id(ada, "level 2", level1);
    String level3 = id(ada, "level 3", level2);
    Account bob = api.newAccount();
    Map<String, Map<String, AttributeValue>> before = partition(ada);

    assertProblem(send("POST", ada, "/tasks", Map.of("title", "t", "parent_id", UUID.randomUUID().toString())), 404);
    assertProblem(send("POST", bob, "/tasks", Map.of("title", "under ada's", "parent_id", level0)), 404);
    assertEquals(List.of("parent_id"),
        names(send("POST", ada, "/tasks", Map.of("title", "t", "parent_id", level0, "list_id", work)), 400));
    assertEquals(List.of("parent_id"),
        names(send("POST", ada, "/tasks", Map.of("title", "level 4", "parent_id", level3)), 400));
    assertEquals(List.of("parent_id"), names(send("POST", ada, "/tasks", Map.of("title", "t", "parent_id", 7)), 400));

    assertEquals(before, partition(ada), "nothing written");
    assertEquals(List.of(), listed(bob, ""), "nothing written");
  }

  @Test
  void deletingATaskDeletesItsSubTasksAtEveryLevelAndNoOtherTask() {
    Account ada = api.newAccount();
    String parent = id(ada, "parent", null);
    String child = id(ada, "child", parent);
    String grandchild = id(ada, "grandchild", child);
    String other = id(ada, "other", null);
    String nephew = id(ada, "nephew", other);

    Response deleted = send("DELETE", ada, "/tasks/" + parent, null);
    assertEquals(200, deleted.status(), deleted.text());

    for (String gone : List.of(parent, child, grandchild)) {
      assertProblem(send("GET", ada, "/tasks/" + gone, null), 404);
    }
    assertEquals(List.of(nephew, other), listed(ada, ""));
    assertEquals(200, send("DELETE", ada, "/tasks/" + nephew, null).status());
    assertEquals(List.of(other), listed(ada, ""));
  }

  @Test
  void aMoveOrPatchOfParentIdReparentsTheTaskWithItsSubTasks() {
    Account ada = api.newAccount();
    String inbox = TaskLists.defaultListId(ada.id());
    String parent = id(ada, "new parent", null);
    String task = id(ada, "task", null);
    String child = id(ada, "its child", task);

    Response moved = send("POST", ada, "/tasks/" + task + "/move", Map.of("parent_id", parent));
    assertEquals(200, moved.status(), moved.text());
    assertEquals(parent, moved.json().path("task").path("parent_id").asText());
    assertEquals(List.of(task), listed(ada, "?list_id=" + inbox + "&parent_id=" + parent));
    assertEquals(List.of(child), listed(ada, "?list_id=" + inbox + "&parent_id=" + task));

    Map<String, Object> toTop = new HashMap<>();
    toTop.put("parent_id", null);
    toTop.put("title", "top again");
    Response patched = send("PATCH", ada, "/tasks/" + task, toTop);
    assertEquals(200, patched.status(), patched.text());
    assertTrue(patched.json().path("task").path("parent_id").isNull(), patched.text());
    assertEquals("top again", patched.json().path("task").path("title").asText());
    assertEquals(List.of(), listed(ada, "?list_id=" + inbox + "&parent_id=" + parent));
  }

  @Test
  void aMoveUnderItselfOrItsOwnSubTaskIsA409AndABadTargetA400WithNothingChanged() {
    Account ada = api.newAccount();
    Response list = send("POST", ada, "/lists", Map.of("title", "Work"));
    String work = list.json().path("list").path("uuid").asText();
    String parent = id(ada, "parent", null);
    String child = id(ada, "child", parent);
    String grandchild = id(ada, "grandchild", child);
    String other = id(ada, "other", null);
    String otherChild = id(ada, "other's child", other);
    String otherGrandchild = id(ada, "other's grandchild", otherChild);
    Map<String, Map<String, AttributeValue>> before = partition(ada);

    assertProblem(send("POST", ada, "/tasks/" + parent + "/move", Map.of("parent_id", grandchild)), 409);
    assertProblem(send("POST", ada, "/tasks/" + parent + "/move", Map.of("parent_id", parent)), 409);
    assertProblem(send("PATCH", ada, "/tasks/" + parent, Map.of("parent_id", child, "title", "x")), 409);
    assertEquals(List.of("parent_id"),
        names(send("POST", ada, "/tasks/" + parent + "/move", Map.of("parent_id", otherChild)), 400),
        "its grandchild would be at the 5th level");
    assertEquals(List.of("parent_id"), names(send("POST", ada, "/tasks/" + child + "/move",
        Map.of("parent_id", otherGrandchild)), 400));
    assertEquals(List.of("list_id"), names(send("POST", ada, "/tasks/" + child + "/move",
        Map.of("list_id", work)), 400), "a sub-task stays in its parent's list");
    assertEquals(List.of("after"), names(send("POST", ada, "/tasks/" + child + "/move",
        Map.of("after", other)), 400), "after must be a sibling");
    assertProblem(send("POST", ada, "/tasks/" + child + "/move",
        Map.of("parent_id", UUID.randomUUID().toString())), 404);
    assertEquals(before, partition(ada), "nothing changed");
  }

  @Test
  void movingAParentToAnotherListTakesItsSubTasksAlong() {
    Account ada = api.newAccount();
    String inbox = TaskLists.defaultListId(ada.id());
    Response list = send("POST", ada, "/lists", Map.of("title", "Work"));
    String work = list.json().path("list").path("uuid").asText();
    String home = send("POST", ada, "/lists", Map.of("title", "Home")).json().path("list").path("uuid").asText();
    String parent = id(ada, "parent", null);
    String child = id(ada, "child", parent);
    String second = id(ada, "second", parent);
    String grandchild = id(ada, "grandchild", child);

    Response moved = send("POST", ada, "/tasks/" + parent + "/move", Map.of("list_id", work));
    assertEquals(200, moved.status(), moved.text());

    assertEquals(List.of(child, second), listed(ada, "?list_id=" + work + "&parent_id=" + parent));
    assertEquals(List.of(grandchild), listed(ada, "?list_id=" + work + "&parent_id=" + child));
    assertEquals(List.of(), listed(ada, "?list_id=" + inbox + "&parent_id=" + parent));
    assertEquals(List.of(), listed(ada, "?list_id=" + inbox));
    Response read = send("GET", ada, "/tasks/" + grandchild, null);
    assertEquals(work, read.json().path("task").path("list_id").asText());

    Response patched = send("PATCH", ada, "/tasks/" + parent, Map.of("list_id", home));
    assertEquals(200, patched.status(), patched.text());
    assertEquals(List.of(parent, child, second, grandchild), listed(ada, "?list_id=" + home));
    assertEquals(List.of(), listed(ada, "?list_id=" + work));
  }
}
