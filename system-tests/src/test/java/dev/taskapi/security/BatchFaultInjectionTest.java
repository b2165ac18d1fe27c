package dev.taskapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.security.FaultyDynamoDbProxy.Fault;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A DynamoDB fault in the middle of a {@code POST /batch} (issue 23): the proxy aims it at the write of one operation
 * of creates, updates, a move, deletes and list operations, and the batch is then read back through the API. Each
 * operation is either applied and named by a change-log entry that {@code GET /sync} reports, or neither; the answer
 * reports every operation before the fault applied, the faulted one a 503 problem unless it committed, and none after
 * it applied; the same Idempotency-Key answers the same results and writes nothing; the operations from the
 * stopped one on, sent again, complete the batch exactly once.
 */
class BatchFaultInjectionTest {
  private static ProxiedStack proxied;
  private static FaultyDynamoDbProxy proxy;
  private static ApiClient api;

  @BeforeAll
  static void startBehindTheProxy() {
    proxied = new ProxiedStack();
    proxy = proxied.proxy();
    api = proxied.api().client();
  }

  @AfterAll
  static void stop() {
    proxied.close();
  }

  /** What the faulted write meets, and whether it committed. */
  enum Script {
    SERVER_ERRORS(false, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR),
    THROTTLED(false, Fault.THROTTLE, Fault.THROTTLE, Fault.THROTTLE),
    DROPPED(false, Fault.DROP, Fault.DROP, Fault.DROP),
    /** Committed, its answer lost, every retry a 500: applied, and the client told 503. */
    COMMITTED_THEN_SERVER_ERRORS(true, Fault.LOSE_COMMITTED_RESPONSE, Fault.SERVER_ERROR, Fault.SERVER_ERROR),
    /** Committed, its answer lost, then the SDK's retry reaches DynamoDB: applied, and answered as applied. */
    COMMITTED_THEN_RETRIED(true, Fault.LOSE_COMMITTED_RESPONSE);

    final boolean commits;
    final Fault[] faults;

    Script(boolean commits, Fault... faults) {
      this.commits = commits;
      this.faults = faults;
    }

    boolean stopsTheBatch() {
      return faults.length > 1;
    }
  }

  /** The operations the fault is aimed at: each one's uuid is in its own writes only. */
  private static final List<Integer> FAULTED = List.of(0, 1, 3, 4, 7, 8);

  static Stream<Arguments> faults() {
    return Stream.of(Script.values()).flatMap(script -> FAULTED.stream().map(op -> Arguments.of(script, op)));
  }

  @ParameterizedTest(name = "{0} at operation {1}")
  @MethodSource("faults")
  void eachOperationIsAppliedWithItsChangeLogEntryOrNotAtAll(Script script, int faulted) {
    Account ada = api.newAccount();
    Setup setup = new Setup(ada);
    List<Op> ops = setup.operations();
    String token = syncAll(ada, null).token();
    String key = UUID.randomUUID().toString();

    proxy.injectAtWrite(ops.get(faulted).uuid(), script.faults);
    Response answer;
    try {
      answer = batch(ada, ops, key);
    } finally {
      proxy.inject(Fault.NONE);
    }

    assertEquals(200, answer.status(), answer.text());
    JsonNode results = answer.json().path("results");
    assertEquals(ops.size(), results.size(), answer.text());
    Changes logged = syncAll(ada, token);
    int stop = script.stopsTheBatch() ? faulted : ops.size();
    for (Op op : ops) {
      JsonNode result = results.path(op.index());
      int status = result.path("status").asInt();
      boolean applied = op.applied().test(ada);
      String what = script + ", operation " + op.index() + " " + op.json() + " answered " + result + ": ";
      assertEquals(applied, logged.names(op), what + "applied " + applied + ", yet its change-log entry is not so");
      if (applied && !op.deletes()) {
        String once = op.json().path("op").asText().startsWith("create_") ? "\"1\"" : "\"2\"";
        assertEquals(once, etag(ada, op), what + "applied once");
      }
      if (op.index() < stop) {
        assertTrue(status < 300, what + "before the fault, or its write retried");
        assertTrue(applied, what + "answered as applied");
      } else {
        assertEquals(503, status, what + "the fault stops the batch");
        assertEquals("Service Unavailable", result.path("problem").path("title").asText(), what);
        assertEquals(op.index() == faulted && script.commits, applied, what + "applied only if it committed");
        String detail = result.path("problem").path("detail").asText();
        assertFalse(applied && detail.contains("nothing was changed"), what + "applied, so its 503 may not say so");
      }
    }
    String after = logged.token();

    Response replay = batch(ada, ops, key);
    assertEquals(answer.json(), replay.json(), "the key's kept results");
    assertEquals("true", replay.header("Idempotent-Replayed").orElse(null));
    Changes none = syncAll(ada, after);
    assertEquals(Set.of(), none.all(), "a replay writes nothing");

    if (stop < ops.size()) {
      Response rest = batch(ada, ops.subList(stop, ops.size()), UUID.randomUUID().toString());
      assertEquals(200, rest.status(), rest.text());
    }
    for (Op op : ops) {
      assertTrue(op.applied().test(ada), "sent again from the stop, operation " + op.index() + " applied");
    }
    List<String> titles = new ArrayList<>();
    syncAll(ada, null).tasks().forEach(task -> titles.add(task.path("title").asText()));
    assertEquals(setup.finalTitles(), Set.copyOf(titles), "the tasks once each");
    assertEquals(setup.finalTitles().size(), titles.size(), "no task twice: " + titles);
  }

  /** One operation of the batch, and how a read through the API tells it applied. */
  private record Op(int index, ObjectNode json, String uuid, boolean list, boolean deletes,
      Predicate<Account> applied) {}

  /** An account's tasks and lists before the batch, and the batch over them. */
  private static final class Setup {
    private final String errands;
    private final String empty;
    private final String edited;
    private final String moved;
    private final String deleted;
    private final String completed;

    Setup(Account account) {
      errands = created(account, "/lists", Map.of("title", "Errands"), "list");
      empty = created(account, "/lists", Map.of("title", "Empty"), "list");
      edited = created(account, "/tasks", Map.of("title", "edited"), "task");
      moved = created(account, "/tasks", Map.of("title", "moved"), "task");
      deleted = created(account, "/tasks", Map.of("title", "deleted"), "task");
      completed = created(account, "/tasks", Map.of("title", "completed"), "task");
    }

    List<Op> operations() {
      String first = UUID.randomUUID().toString();
      String holidays = UUID.randomUUID().toString();
      String packing = UUID.randomUUID().toString();
      List<Op> ops = new ArrayList<>();
      ops.add(new Op(0, op("create_task", first, Map.of("title", "first")), first, false, false,
          a -> task(a, first).path("title").asText().equals("first")));
      ops.add(new Op(1, op("update_task", edited, Map.of("title", "edited!")).put("if_match", "\"1\""), edited,
          false, false, a -> task(a, edited).path("title").asText().equals("edited!")));
      ops.add(new Op(2, op("create_list", holidays, Map.of("title", "Holidays")), holidays, true, false,
          a -> list(a, holidays).path("title").asText().equals("Holidays")));
      ops.add(new Op(3, op("move_task", moved, Map.of("list_id", errands)), moved, false, false,
          a -> task(a, moved).path("list_id").asText().equals(errands)));
      ops.add(new Op(4, op("delete_task", deleted, null), deleted, false, true, a -> task(a, deleted).isMissingNode()));
      ops.add(new Op(5, op("update_list", errands, Map.of("title", "Errands!")), errands, true, false,
          a -> list(a, errands).path("title").asText().equals("Errands!")));
      ops.add(new Op(6, op("create_task", packing, Map.of("title", "packing", "list_id", holidays)), packing, false,
          false, a -> task(a, packing).path("list_id").asText().equals(holidays)));
      ops.add(new Op(7, op("update_task", completed, Map.of("completed", true)), completed, false, false,
          a -> task(a, completed).path("completed").asBoolean()));
      ops.add(new Op(8, op("delete_list", empty, null), empty, true, true, a -> list(a, empty).isMissingNode()));
      return ops;
    }

    Set<String> finalTitles() {
      return Set.of("first", "edited!", "moved", "packing", "completed");
    }
  }

  private static ObjectNode op(String op, String uuid, Map<String, ?> data) {
    ObjectNode operation = ApiClient.object().put("op", op).put("uuid", uuid);
    if (data != null) {
      operation.set("data", ApiClient.JSON.valueToTree(data));
    }
    return operation;
  }

  private static Response batch(Account account, List<Op> ops, String key) {
    ObjectNode body = ApiClient.object();
    ArrayNode list = body.putArray("operations");
    ops.forEach(op -> list.add(op.json()));
    return api.send("POST", "/batch", ApiClient.json(body), "Authorization", account.bearer(), "Idempotency-Key", key);
  }

  private static String created(Account account, String path, Map<String, ?> body, String member) {
    Response response = api.send("POST", path, ApiClient.json(body), "Authorization", account.bearer());
    assertEquals(201, response.status(), response.text());
    return response.json().path(member).path("uuid").asText();
  }

  private static String etag(Account account, Op op) {
    Response response = api.send("GET", (op.list() ? "/lists/" : "/tasks/") + op.uuid(), null, "Authorization",
        account.bearer());
    return response.header("ETag").orElse(null);
  }

  /** The task as {@code GET /tasks/{id}} answers it; a missing node when it is a 404. */
  private static JsonNode task(Account account, String id) {
    return read(account, "/tasks/" + id, "task");
  }

  private static JsonNode list(Account account, String id) {
    return read(account, "/lists/" + id, "list");
  }

  private static JsonNode read(Account account, String path, String member) {
    Response response = api.send("GET", path, null, "Authorization", account.bearer());
    if (response.status() == 404) {
      return ApiClient.JSON.missingNode();
    }
    assertEquals(200, response.status(), response.text());
    return response.json().path(member);
  }

  /** What {@code GET /sync} reported from a token (null: the whole state) until has_more was false. */
  private record Changes(List<JsonNode> tasks, Set<String> lists, Set<String> deletedTasks,
      Set<String> deletedLists, String token) {
    boolean names(Op op) {
      Set<String> named = op.deletes()
          ? (op.list() ? deletedLists : deletedTasks)
          : (op.list() ? lists : taskIds());
      return named.contains(op.uuid());
    }

    Set<String> taskIds() {
      Set<String> ids = new HashSet<>();
      tasks.forEach(task -> ids.add(task.path("uuid").asText()));
      return ids;
    }

    Set<String> all() {
      Set<String> all = new HashSet<>(taskIds());
      all.addAll(lists);
      all.addAll(deletedTasks);
      all.addAll(deletedLists);
      return all;
    }
  }

  private static Changes syncAll(Account account, String from) {
    Changes changes = new Changes(new ArrayList<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), from);
    JsonNode page;
    String token = from;
    int pages = 0;
    do {
      String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      Response response = api.send("GET", "/sync" + query, null, "Authorization", account.bearer());
      assertEquals(200, response.status(), response.text());
      page = response.json();
      page.path("tasks").forEach(changes.tasks()::add);
      page.path("lists").forEach(list -> changes.lists().add(list.path("uuid").asText()));
      page.path("deleted").path("tasks").forEach(id -> changes.deletedTasks().add(id.asText()));
      page.path("deleted").path("lists").forEach(id -> changes.deletedLists().add(id.asText()));
      token = page.path("token").asText();
    } while (page.path("has_more").asBoolean() && ++pages < 100);
    assertFalse(page.path("has_more").asBoolean());
    return new Changes(changes.tasks(), changes.lists(), changes.deletedTasks(), changes.deletedLists(), token);
  }
}
