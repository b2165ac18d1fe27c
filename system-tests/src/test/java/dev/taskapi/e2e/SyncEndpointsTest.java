package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.GoneException;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TaskItem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /sync over real HTTP against the local stack (every answer checked against openapi.yaml by the client): a full
 * sync in small pages equals what the lists' and tasks' own routes answer, the changes after a token are the
 * current state of what changed and the ids of what was deleted, a deleted list (or one being deleted) reports its
 * tasks deleted, and tokens that are not the caller's or not ours are a 410 and a 400.
 *
 * <p>Each write goes through the API, whose writers log it ({@code ChangeLog}); {@link #logged} checks that the
 * write moved the log. The one step taken directly in the table (a list's deletion mark, as a deletion stopped
 * midway leaves it) gets the entry its writer writes, appended in the layout of {@link ChangeItem}.
 */
class SyncEndpointsTest {
  private static LocalApi stack;
  private static ApiClient api;
  private static StackTable table;

  @BeforeAll
  static void start() {
    stack = LocalApi.shared();
    api = stack.client();
    table = new StackTable(stack.stack());
  }

  @AfterAll
  static void stop() {
    table.close();
  }

  /** What a client that applies every page holds: each list and task as last answered, by id. */
  private static final class Copy {
    final Map<String, JsonNode> lists = new TreeMap<>();
    final Map<String, JsonNode> tasks = new TreeMap<>();
    final List<String> seen = new ArrayList<>();
    final Set<String> deletedLists = new LinkedHashSet<>();
    final Set<String> deletedTasks = new LinkedHashSet<>();
    String token;
    int pages;

    void apply(JsonNode page) {
      page.path("lists").forEach(l -> lists.put(l.path("uuid").asText(), l));
      page.path("tasks").forEach(t -> tasks.put(t.path("uuid").asText(), t));
      page.path("lists").forEach(l -> seen.add(l.path("uuid").asText()));
      page.path("tasks").forEach(t -> seen.add(t.path("uuid").asText()));
      page.path("deleted").path("lists").forEach(id -> lists.remove(id.asText()));
      page.path("deleted").path("tasks").forEach(id -> tasks.remove(id.asText()));
      page.path("deleted").path("lists").forEach(id -> deletedLists.add(id.asText()));
      page.path("deleted").path("tasks").forEach(id -> deletedTasks.add(id.asText()));
      token = page.path("token").asText();
      pages++;
    }
  }

  private static Response send(String method, Account account, String path, Object body) {
    return api.send(method, path, body == null ? null : ApiClient.json(body), "Authorization", account.bearer());
  }

  private static Response sync(Account account, String query) {
    return send("GET", account, "/sync" + query, null);
  }

  /** Pages with {@code limit} from the copy's token (none: a full sync) until has_more is false. */
  private static Copy syncAll(Account account, Copy copy, int limit) {
    JsonNode page;
    do {
      String token = copy.token == null ? "" : "&token=" + URLEncoder.encode(copy.token, StandardCharsets.UTF_8);
      Response response = sync(account, "?limit=" + limit + token);
      assertEquals(200, response.status(), response.text());
      page = response.json();
      copy.apply(page);
    } while (page.path("has_more").asBoolean() && copy.pages < 100);
    assertFalse(page.path("has_more").asBoolean());
    return copy;
  }

  /** Makes {@code write}, checks that it logged one change, and returns its answer. */
  private static Response logged(Account account, Supplier<Response> write) {
    long before = sequence(account);
    Response response = write.get();
    assertTrue(response.status() < 300, response.text());
    assertEquals(before + 1, sequence(account), "the write's change-log entry");
    return response;
  }

  /** Appends the entry naming {@code listIds}, as a list deletion's mark writes it. */
  private static void appendEntry(Account account, List<String> listIds) {
    long next = sequence(account) + 1;
    String pk = TaskItem.partitionKey(account.id());
    Map<String, AttributeValue> entry = new HashMap<>();
    entry.put("pk", AttributeValue.fromS(pk));
    entry.put("sk", AttributeValue.fromS(ChangeItem.sortKey(next)));
    entry.put(ChangeItem.SEQUENCE, AttributeValue.fromN(Long.toString(next)));
    entry.put(ChangeItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(Instant.now().plus(ChangeItem.KEPT).getEpochSecond())));
    entry.put(ChangeItem.LIST_IDS, AttributeValue.fromSs(listIds));
    table.putAll(List.of(entry));
    table.setNumber(pk, ChangeItem.COUNTER_SORT_KEY, ChangeItem.SEQUENCE, next);
  }

  private static long sequence(Account account) {
    return table
        .item(TaskItem.partitionKey(account.id()), ChangeItem.COUNTER_SORT_KEY)
        .map(item -> Long.parseLong(item.get(ChangeItem.SEQUENCE).n()))
        .orElse(0L);
  }

  private static JsonNode createTask(Account account, String title, String listId) {
    Map<String, Object> body = new HashMap<>(Map.of("title", title));
    if (listId != null) {
      body.put("list_id", listId);
    }
    Response created = logged(account, () -> send("POST", account, "/tasks", body));
    assertEquals(201, created.status(), created.text());
    return created.json().path("task");
  }

  private static JsonNode createList(Account account, String title) {
    Response created = logged(account, () -> send("POST", account, "/lists", Map.of("title", title)));
    assertEquals(201, created.status(), created.text());
    return created.json().path("list");
  }

  private static JsonNode task(Account account, String id) {
    Response response = send("GET", account, "/tasks/" + id, null);
    assertEquals(200, response.status(), response.text());
    return response.json().path("task");
  }

  private static JsonNode list(Account account, String id) {
    Response response = send("GET", account, "/lists/" + id, null);
    assertEquals(200, response.status(), response.text());
    return response.json().path("list");
  }

  @Test
  void aFullSyncInSmallPagesHasEveryListAndTaskOnceAsTheirOwnRoutesAnswerThem() {
    Account ada = api.newAccount();
    String work = createList(ada, "Work").path("uuid").asText();
    createList(ada, "Home");
    for (int i = 0; i < 5; i++) {
      createTask(ada, "task " + i, i < 2 ? work : null);
    }

    Copy copy = syncAll(ada, new Copy(), 2);

    assertEquals(copy.seen.size(), new LinkedHashSet<>(copy.seen).size(), "an item twice: " + copy.seen);
    assertTrue(copy.pages >= 4, "8 items in pages of 2: " + copy.pages);
    Map<String, JsonNode> lists = new TreeMap<>();
    send("GET", ada, "/lists", null).json().path("lists").forEach(l -> lists.put(l.path("uuid").asText(), l));
    Map<String, JsonNode> tasks = new TreeMap<>();
    send("GET", ada, "/tasks?limit=1000", null).json().path("tasks").forEach(t -> tasks.put(t.path("uuid").asText(), t));
    assertEquals(lists, copy.lists);
    assertEquals(tasks, copy.tasks);
    assertTrue(copy.lists.containsKey(TaskLists.defaultListId(ada.id())));
    assertEquals(Set.of(), copy.deletedTasks);
  }

  @Test
  void theChangesAfterATokenAreTheCurrentStateOfWhatChangedAndTheIdsOfWhatWasDeleted() {
    Account ada = api.newAccount();
    String home = createList(ada, "Home").path("uuid").asText();
    String edited = createTask(ada, "edit me", null).path("uuid").asText();
    String deleted = createTask(ada, "delete me", home).path("uuid").asText();
    String kept = createTask(ada, "keep me", home).path("uuid").asText();
    Copy copy = syncAll(ada, new Copy(), 100);
    JsonNode keptBefore = copy.tasks.get(kept);

    String added = createTask(ada, "new", home).path("uuid").asText();
    logged(ada, () -> send("PATCH", ada, "/tasks/" + edited, Map.of("title", "edited")));
    logged(ada, () -> send("DELETE", ada, "/tasks/" + deleted, null));
    logged(ada, () -> send("PATCH", ada, "/lists/" + home, Map.of("title", "House")));
    String other = createList(ada, "Other").path("uuid").asText();
    Response changes = sync(ada, "?token=" + URLEncoder.encode(copy.token, StandardCharsets.UTF_8));
    assertEquals(200, changes.status(), changes.text());
    copy.apply(changes.json());

    assertFalse(changes.json().path("has_more").asBoolean());
    Set<String> changedTasks = new LinkedHashSet<>();
    changes.json().path("tasks").forEach(t -> changedTasks.add(t.path("uuid").asText()));
    assertEquals(Set.of(added, edited), changedTasks);
    assertEquals(Set.of(deleted), copy.deletedTasks);
    assertEquals(task(ada, edited), copy.tasks.get(edited));
    assertEquals(task(ada, added), copy.tasks.get(added));
    assertEquals(keptBefore, copy.tasks.get(kept));
    assertEquals(list(ada, home), copy.lists.get(home));
    assertEquals(list(ada, other), copy.lists.get(other));
    assertEquals("House", copy.lists.get(home).path("title").asText());

    JsonNode nothing = sync(ada, "?token=" + URLEncoder.encode(copy.token, StandardCharsets.UTF_8)).json();
    assertEquals(0, nothing.path("tasks").size() + nothing.path("lists").size() + nothing.path("deleted").path("tasks").size());
  }

  /**
   * A number given out whose write never committed (its writer crashed) is a gap below the next write's entry: while
   * that entry is young the changes stop before the gap (the writer may yet commit), and once it is older than
   * DynamoDbSyncStore.GAP_ABANDONED the reader writes the number's void and passes it.
   */
  @Test
  void aGapIsWaitedForWhileYoungAndVoidedOnceAbandoned() {
    Account ada = api.newAccount();
    createTask(ada, "before", null);
    Copy copy = syncAll(ada, new Copy(), 100);
    String pk = TaskItem.partitionKey(ada.id());
    long crashed = sequence(ada) + 1;
    table.setNumber(pk, ChangeItem.COUNTER_SORT_KEY, ChangeItem.SEQUENCE, crashed); // its number, and no entry
    String after = createTask(ada, "after the gap", null).path("uuid").asText();

    JsonNode waiting = sync(ada, "?token=" + URLEncoder.encode(copy.token, StandardCharsets.UTF_8)).json();
    assertEquals(0, waiting.path("tasks").size(), "the entry above a young gap waits");
    assertFalse(waiting.path("has_more").asBoolean());
    table.setNumber(pk, ChangeItem.sortKey(crashed + 1), ChangeItem.WRITTEN_AT,
        Instant.now().minusSeconds(60).toEpochMilli());
    syncAll(ada, copy, 100);

    assertTrue(copy.tasks.containsKey(after));
    assertTrue(table.item(pk, ChangeItem.sortKey(crashed)).orElseThrow().get(ChangeItem.VOID).bool(), "voided");
  }

  @Test
  void aDeletedListReportsItsTasksDeleted() {
    Account ada = api.newAccount();
    String doomed = createList(ada, "Doomed").path("uuid").asText();
    String first = createTask(ada, "one", doomed).path("uuid").asText();
    String second = createTask(ada, "two", doomed).path("uuid").asText();
    String inbox = createTask(ada, "stays", null).path("uuid").asText();
    Copy copy = syncAll(ada, new Copy(), 100);

    // The mark, the tasks' deletes and the list's: each its own entry.
    Response deletion = send("DELETE", ada, "/lists/" + doomed, null);
    assertEquals(200, deletion.status(), deletion.text());
    syncAll(ada, copy, 100);

    assertEquals(Set.of(doomed), copy.deletedLists);
    assertEquals(Set.of(first, second), copy.deletedTasks);
    assertEquals(Set.of(inbox), copy.tasks.keySet());
    assertEquals(Set.of(TaskLists.defaultListId(ada.id())), copy.lists.keySet());
  }

  @Test
  void aListBeingDeletedReadsAsDeletedAndSoDoItsTasks() {
    Account ada = api.newAccount();
    String marked = createList(ada, "Marked").path("uuid").asText();
    String task = createTask(ada, "in it", marked).path("uuid").asText();
    Copy copy = syncAll(ada, new Copy(), 100);

    logged(ada, () -> send("PATCH", ada, "/tasks/" + task, Map.of("title", "edited")));
    // A deletion stopped after its first step: the mark, which the writer logs naming the list.
    table.set(TaskItem.partitionKey(ada.id()), ListItem.sortKey(marked), ListItem.DELETING, AttributeValue.fromBool(true));
    appendEntry(ada, List.of(marked));
    syncAll(ada, copy, 1); // the edit's entry alone first: the task is read after the mark

    assertEquals(Set.of(marked), copy.deletedLists);
    assertEquals(Set.of(task), copy.deletedTasks);
    assertEquals(Map.of(), copy.tasks);
    Copy fresh = syncAll(ada, new Copy(), 100);
    assertEquals(Set.of(marked), fresh.deletedLists);
    assertEquals(Set.of(task), fresh.deletedTasks);
  }

  @Test
  void anotherAccountsTokenIsA410ToResyncAndAMalformedTokenOrLimitA400() {
    Account ada = api.newAccount();
    Account bob = api.newAccount();
    String token = syncAll(ada, new Copy(), 100).token;

    Response foreign = sync(bob, "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertEquals(410, foreign.status(), foreign.text());
    assertTrue(foreign.contentType().startsWith("application/problem+json"), foreign.contentType());
    assertEquals(GoneException.RESYNC, foreign.json().path("type").asText());

    Response malformed = sync(ada, "?limit=0&token=" + URLEncoder.encode(token.substring(1), StandardCharsets.UTF_8));
    AuthEndpointsTest.assertProblem(malformed, 400);
    List<String> names = new ArrayList<>();
    malformed.json().path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    assertEquals(List.of("limit", "token"), names);

    Response ignored = sync(ada, "?colour=blue");
    assertEquals(200, ignored.status(), ignored.text());
  }
}
