package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /batch over real HTTP against the local stack (and its IAM engine, which holds the function to its grants):
 * each operation answered as its own route, in order; a stale if_match a 412 result while the later operations
 * apply; an Idempotency-Key replay that writes nothing; a malformed batch a 400 that writes nothing. Every answer
 * is held to openapi.yaml by {@link ApiClient}.
 */
class BatchEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response send(String method, Account account, String path, Object body) {
    return api.send(method, path, body == null ? null : ApiClient.json(body), "Authorization", account.bearer());
  }

  private Response batch(Account account, ObjectNode body, String... headers) {
    List<String> all = new ArrayList<>(List.of("Authorization", account.bearer()));
    all.addAll(List.of(headers));
    return api.send("POST", "/batch", ApiClient.json(body), all.toArray(String[]::new));
  }

  private static ObjectNode operations(ObjectNode... operations) {
    ObjectNode body = ApiClient.object();
    ArrayNode list = body.putArray("operations");
    for (ObjectNode operation : operations) {
      list.add(operation);
    }
    return body;
  }

  private static ObjectNode op(String op, String uuid, Map<String, ?> data) {
    ObjectNode operation = ApiClient.object().put("op", op).put("uuid", uuid);
    if (data != null) {
      operation.set("data", ApiClient.JSON.valueToTree(data));
    }
    return operation;
  }

  private static ObjectNode create(String title) {
    return op("create_task", UUID.randomUUID().toString(), Map.of("title", title));
  }

  private String created(Account account, String path, Map<String, ?> body, String member) {
    Response response = send("POST", account, path, body);
    assertEquals(201, response.status(), response.text());
    return response.json().path(member).path("uuid").asText();
  }

  private Set<String> taskIds(Account account) {
    Response listed = api.listTasks(account, "?limit=1000");
    assertEquals(200, listed.status(), listed.text());
    Set<String> ids = new HashSet<>();
    listed.json().path("tasks").forEach(task -> ids.add(task.path("uuid").asText()));
    return ids;
  }

  private static List<Integer> statuses(Response response) {
    assertEquals(200, response.status(), response.text());
    List<Integer> statuses = new ArrayList<>();
    response.json().path("results").forEach(result -> statuses.add(result.path("status").asInt()));
    return statuses;
  }

  @Test
  void everyKindOfOperationIsAnsweredAsItsRouteInOrderAndAStaleIfMatchStopsOnlyItself() {
    Account ada = api.newAccount();
    String errands = created(ada, "/lists", Map.of("title", "Errands"), "list");
    String plain = created(ada, "/tasks", Map.of("title", "plain"), "task");
    String parent = created(ada, "/tasks", Map.of("title", "parent"), "task");
    String child = created(ada, "/tasks", Map.of("title", "child", "parent_id", parent), "task");
    String newList = UUID.randomUUID().toString();

    ObjectNode stale = op("update_task", plain, Map.of("title", "stale")).put("if_match", "\"1\"");
    Response response = batch(ada, operations(
        op("create_list", newList, Map.of("title", "Holidays")),
        op("create_task", UUID.randomUUID().toString(), Map.of("title", "sub", "parent_id", parent)),
        op("create_task", UUID.randomUUID().toString(), Map.of("title", "in errands", "list_id", errands)),
        op("update_task", plain, Map.of("title", "renamed")).put("if_match", "\"1\""),
        stale,
        op("move_task", plain, Map.of("list_id", errands)),
        op("update_list", errands, Map.of("title", "Errands!")).put("if_match", "\"1\""),
        op("delete_task", parent, null),
        op("delete_list", errands, null),
        op("delete_task", plain, null)));

    assertEquals(List.of(201, 201, 201, 200, 412, 200, 200, 200, 200, 404), statuses(response));
    JsonNode results = response.json().path("results");
    assertEquals("renamed", results.path(3).path("body").path("task").path("title").asText());
    assertEquals("\"2\"", results.path(3).path("etag").asText());
    assertEquals("Precondition Failed", results.path(4).path("problem").path("title").asText());
    assertEquals(errands, results.path(5).path("body").path("task").path("list_id").asText());
    assertEquals("Errands!", results.path(6).path("body").path("list").path("title").asText());
    assertEquals("Task deleted", results.path(7).path("body").path("message").asText());
    // Applied, as GET tells: the parent went with its sub-tasks, Errands with its tasks (the moved one too).
    assertEquals(Set.of(), taskIds(ada));
    assertEquals(404, send("GET", ada, "/tasks/" + child, null).status());
    assertEquals(404, send("GET", ada, "/lists/" + errands, null).status());
    List<String> titles = new ArrayList<>();
    send("GET", ada, "/lists", null).json().path("lists").forEach(list -> titles.add(list.path("title").asText()));
    assertTrue(titles.contains("Holidays"), titles.toString());
  }

  @Test
  void aReplayedIdempotencyKeyAnswersTheKeptResultsAndWritesNothing() {
    Account ada = api.newAccount();
    String plain = created(ada, "/tasks", Map.of("title", "plain"), "task");
    String key = UUID.randomUUID().toString();
    ObjectNode body = operations(create("once"), op("update_task", plain, Map.of("completed", true)));

    Response first = batch(ada, body, "Idempotency-Key", key);
    Response replay = batch(ada, body, "Idempotency-Key", key);

    assertEquals(List.of(201, 200), statuses(first));
    assertEquals(first.json(), replay.json());
    assertEquals("true", replay.header("Idempotent-Replayed").orElseThrow());
    assertFalse(first.header("Idempotent-Replayed").isPresent());
    assertEquals(2, taskIds(ada).size());
    assertEquals("\"2\"", send("GET", ada, "/tasks/" + plain, null).header("ETag").orElseThrow(), "not applied twice");
    assertProblem(batch(ada, operations(create("another")), "Idempotency-Key", key), 422);
    assertEquals(2, taskIds(ada).size());
  }

  @Test
  void aMalformedBatchIsA400NamingEachBadOperationAndWritesNothing() {
    Account ada = api.newAccount();
    ObjectNode unknown = ApiClient.object().put("op", "rename_task").put("uuid", UUID.randomUUID().toString());
    ObjectNode noUuid = ApiClient.object().put("op", "delete_task");

    Response malformed = batch(ada, operations(create("valid"), unknown, noUuid));

    assertProblem(malformed, 400);
    List<String> names = new ArrayList<>();
    malformed.json().path("invalid_params").forEach(param -> names.add(param.path("name").asText()));
    assertEquals(List.of("operations[1].op", "operations[2].uuid"), names);
    ObjectNode atomic = operations(create("valid"));
    atomic.put("atomic", true);
    assertProblem(batch(ada, atomic), 400);
    assertEquals(Set.of(), taskIds(ada));
  }

  @Test
  void aHundredOperationsAreOneBatchAndAHundredAndOneA400() {
    Account ada = api.newAccount();
    ObjectNode[] hundred = new ObjectNode[100];
    for (int i = 0; i < hundred.length; i++) {
      hundred[i] = create("task " + i);
    }
    assertEquals(100, statuses(batch(ada, operations(hundred))).stream().filter(s -> s == 201).count());
    assertEquals(100, taskIds(ada).size());

    ObjectNode tooMany = operations(hundred);
    ((ArrayNode) tooMany.get("operations")).add(create("one more"));
    assertProblem(batch(ada, tooMany), 400);
    assertEquals(100, taskIds(ada).size());
  }
}
