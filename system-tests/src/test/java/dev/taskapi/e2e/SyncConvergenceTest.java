package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 23's convergence test, over real HTTP against the local stack: two devices of one account each keep a
 * local copy of its lists and tasks. Every round, one device goes offline and queues random creates (with ids it
 * chose), edits (conditional on the ETag it holds), moves and deletes, while the other writes online. Then both
 * reconnect: each pushes its queue with {@code POST /batch} and pulls with {@code GET /sync} while 8 other writers
 * change the account concurrently. Once the writers stop and both have pulled to {@code has_more: false}, both
 * copies must equal the server's state as its own routes ({@code GET /lists}, {@code GET /tasks}) show it, object
 * for object.
 *
 * <p>The client follows README's "Building an offline client": a device's copy holds only what the server
 * confirmed; queued operations are sent in order, and one the server refuses (412: the object changed since; 404:
 * it or its list is gone; 400 or 409: it no longer fits, such as a parent moved away) is dropped, so the server's
 * state wins. The next pull brings the device up to date either way.
 *
 * <p>{@code -Dtaskapi.sync.rounds=N} runs a longer soak (200 by default).
 */
class SyncConvergenceTest {
  private static final int ROUNDS = Integer.getInteger("taskapi.sync.rounds", 200);
  private static final int WRITERS = 8;
  /** Statuses a replayed offline operation may meet after concurrent changes; a 5xx never. */
  private static final Set<Integer> REFUSALS = Set.of(400, 404, 409, 412);

  private final ApiClient api = LocalApi.shared().client();

  @Test
  void twoDevicesAndEightWritersEndWithTheServersStateAfterEveryRound() throws Exception {
    Account account = api.newAccount();
    Random random = new Random(Long.getLong("taskapi.sync.seed", 23L));
    Device phone = new Device(account, "phone");
    Device laptop = new Device(account, "laptop");
    phone.pull();
    laptop.pull();
    Stats stats = new Stats();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        Device offline = round % 2 == 0 ? phone : laptop;
        Device online = offline == phone ? laptop : phone;

        List<ObjectNode> queued = offline.randomOperations(random, 1 + random.nextInt(4));
        // Half the rounds, the online device first edits an object the offline queue edits too: that queued write
        // then meets a changed ETag (412) or a deleted object (404), as apps do when two devices edit one task.
        if (random.nextBoolean()) {
          online.editTargetOf(queued, random).ifPresent(stats::count);
        }
        for (ObjectNode operation : online.randomOperations(random, 1 + random.nextInt(3))) {
          stats.count(online.push(List.of(operation)));
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          long seed = random.nextLong();
          writers.add(pool.submit(() -> writeUntilStopped(account, new Random(seed), writing)));
        }
        Future<?> offlineSide = pool.submit(() -> {
          stats.count(offline.push(queued));
          offline.pull();
          return null;
        });
        Future<?> onlineSide = pool.submit(() -> {
          online.pull();
          return null;
        });
        offlineSide.get();
        onlineSide.get();
        writing.set(false);
        for (Future<?> writer : writers) {
          writer.get();
        }

        phone.pull();
        laptop.pull();
        State server = serverState(account);
        assertEquals(server.lists(), phone.lists, "round " + round + ": the phone's lists");
        assertEquals(server.tasks(), phone.tasks, "round " + round + ": the phone's tasks");
        assertEquals(server.lists(), laptop.lists, "round " + round + ": the laptop's lists");
        assertEquals(server.tasks(), laptop.tasks, "round " + round + ": the laptop's tasks");
        stats.rounds++;
        stats.largest = Math.max(stats.largest, server.tasks().size());
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "sync convergence: %d rounds, %d operations pushed (%d applied, %d refused), %d writes by other writers,"
            + " %d sync pages, at most %d tasks%n",
        stats.rounds, stats.pushed.get(), stats.applied.get(), stats.refused.get(), writes.get(), pages.get(),
        stats.largest);
    assertTrue(stats.applied.get() > stats.pushed.get() / 2, "most queued operations apply: " + stats.pushed.get());
    assertTrue(stats.refused.get() > 0, "some queued writes met a concurrent change (412 or 404)");
  }

  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger pages = new AtomicInteger();

  /** Another device of the account, online: creates, edits and deletes its own tasks in the default list. */
  private Void writeUntilStopped(Account account, Random random, AtomicBoolean writing) {
    List<String> mine = new ArrayList<>();
    do {
      int roll = random.nextInt(3);
      if (roll == 0 || mine.isEmpty()) {
        Response created = send(account, "POST", "/tasks", Map.of("title", "w" + random.nextInt(1000)));
        assertEquals(201, created.status(), created.text());
        mine.add(created.json().path("task").path("uuid").asText());
      } else if (roll == 1) {
        String id = mine.get(random.nextInt(mine.size()));
        Response edited = send(account, "PATCH", "/tasks/" + id, Map.of("completed", random.nextBoolean()));
        assertTrue(edited.status() == 200 || edited.status() == 404, edited.text());
      } else {
        String id = mine.remove(random.nextInt(mine.size()));
        Response deleted = send(account, "DELETE", "/tasks/" + id, null);
        assertTrue(deleted.status() == 200 || deleted.status() == 404, deleted.text());
      }
      writes.incrementAndGet();
    } while (writing.get());
    return null;
  }

  private Response send(Account account, String method, String path, Object body) {
    return api.send(method, path, body == null ? null : ApiClient.json(body), "Authorization", account.bearer());
  }

  /** The server's state as its own routes show it: every list, and every task (all pages, newest first). */
  private State serverState(Account account) {
    Response lists = send(account, "GET", "/lists", null);
    assertEquals(200, lists.status(), lists.text());
    Map<String, JsonNode> listsById = new TreeMap<>();
    lists.json().path("lists").forEach(list -> listsById.put(list.path("uuid").asText(), list));
    Map<String, JsonNode> tasksById = new TreeMap<>();
    String cursor = null;
    do {
      String query = "?limit=100" + (cursor == null ? "" : "&cursor=" + encode(cursor));
      Response page = send(account, "GET", "/tasks" + query, null);
      assertEquals(200, page.status(), page.text());
      page.json().path("tasks").forEach(task -> tasksById.put(task.path("uuid").asText(), task));
      cursor = page.json().path("next_cursor").isTextual() ? page.json().path("next_cursor").asText() : null;
    } while (cursor != null);
    return new State(listsById, tasksById);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record State(Map<String, JsonNode> lists, Map<String, JsonNode> tasks) {}

  private static final class Stats {
    final AtomicInteger pushed = new AtomicInteger();
    final AtomicInteger applied = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    int rounds;
    int largest;

    void count(List<Integer> statuses) {
      for (int status : statuses) {
        pushed.incrementAndGet();
        (status < 300 ? applied : refused).incrementAndGet();
      }
    }
  }

  /** One device: the server's state as it last learnt it, and its sync token. */
  private final class Device {
    private final Account account;
    private final String name;
    final Map<String, JsonNode> lists = new TreeMap<>();
    final Map<String, JsonNode> tasks = new TreeMap<>();
    private String token;

    Device(Account account, String name) {
      this.account = account;
      this.name = name;
    }

    /** Pulls every change since its token (everything, the first time) until {@code has_more} is false. */
    void pull() {
      boolean more;
      do {
        Response page = send(account, "GET", "/sync" + (token == null ? "" : "?token=" + encode(token)), null);
        assertEquals(200, page.status(), name + ": " + page.text());
        pages.incrementAndGet();
        JsonNode body = page.json();
        body.path("lists").forEach(list -> lists.put(list.path("uuid").asText(), list));
        body.path("tasks").forEach(task -> tasks.put(task.path("uuid").asText(), task));
        body.path("deleted").path("lists").forEach(id -> lists.remove(id.asText()));
        body.path("deleted").path("tasks").forEach(id -> tasks.remove(id.asText()));
        token = body.path("token").asText();
        more = body.path("has_more").asBoolean();
      } while (more);
    }

    /**
     * Sends {@code operations} as one batch and returns each result's status. Its copy is left as it was: the
     * next pull brings what the batch changed, like every other change.
     */
    List<Integer> push(List<ObjectNode> operations) {
      if (operations.isEmpty()) {
        return List.of();
      }
      ObjectNode batch = ApiClient.object();
      batch.putArray("operations").addAll(operations);
      Response answer =
          api.send("POST", "/batch", ApiClient.json(batch), "Authorization", account.bearer(),
              "Idempotency-Key", UUID.randomUUID().toString());
      assertEquals(200, answer.status(), name + ": " + answer.text());
      JsonNode results = answer.json().path("results");
      assertEquals(operations.size(), results.size(), answer.text());
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        int status = results.get(i).path("status").asInt();
        if (status >= 300 && !REFUSALS.contains(status)) {
          fail(name + ": operation " + operations.get(i) + " answered " + results.get(i));
        }
        statuses.add(status);
      }
      return statuses;
    }

    /**
     * Edits (or, one time in four, deletes) online the task or list that the first edit in {@code queue} targets, so
     * that edit is stale when it arrives; its status, or empty when the queue edits nothing the server has yet.
     */
    Optional<List<Integer>> editTargetOf(List<ObjectNode> queue, Random random) {
      for (ObjectNode queued : queue) {
        String op = queued.path("op").asText();
        String id = queued.path("uuid").asText();
        boolean task = tasks.containsKey(id) && !op.startsWith("create");
        boolean list = lists.containsKey(id) && op.equals("update_list");
        if (task || list) {
          ObjectNode edit =
              random.nextInt(4) == 0
                  ? operation(task ? "delete_task" : "delete_list", id, null, null)
                  : operation(task ? "update_task" : "update_list", id, null, Map.of("title", "online " + random.nextInt(100)));
          return Optional.of(push(List.of(edit)));
        }
      }
      return Optional.empty();
    }

    /**
     * {@code count} random operations on what the device knows, as an app would queue them: each refers to an
     * object the device has seen or created earlier in the same queue.
     */
    List<ObjectNode> randomOperations(Random random, int count) {
      List<String> listIds = new ArrayList<>(lists.keySet());
      List<String> ownLists = new ArrayList<>();
      for (JsonNode list : lists.values()) {
        if (!list.path("default").asBoolean()) {
          ownLists.add(list.path("uuid").asText());
        }
      }
      List<String> taskIds = new ArrayList<>(tasks.keySet());
      List<ObjectNode> queue = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int roll = random.nextInt(taskIds.size() > 40 ? 12 : 10);
        if (roll == 0 && ownLists.size() < 5) {
          String id = UUID.randomUUID().toString();
          queue.add(operation("create_list", id, null, Map.of("title", "list " + random.nextInt(100))));
          listIds.add(id);
          ownLists.add(id);
        } else if (roll == 1 && !ownLists.isEmpty()) {
          String id = ownLists.get(random.nextInt(ownLists.size()));
          queue.add(operation("update_list", id, etag(lists.get(id)), Map.of("title", "renamed " + random.nextInt(100))));
        } else if (roll == 2 && !ownLists.isEmpty() && random.nextInt(4) == 0) {
          String id = ownLists.remove(random.nextInt(ownLists.size()));
          listIds.remove(id);
          queue.add(operation("delete_list", id, null, null)); // DELETE takes no If-Match
        } else if (roll <= 5 || taskIds.isEmpty()) {
          String id = UUID.randomUUID().toString();
          String listId = listIds.get(random.nextInt(listIds.size()));
          queue.add(operation("create_task", id, null,
              Map.of("title", "task " + random.nextInt(1000), "description", "from " + name, "list_id", listId)));
          taskIds.add(id);
        } else if (roll == 6 || roll == 7) {
          String id = taskIds.get(random.nextInt(taskIds.size()));
          Map<String, Object> change =
              random.nextBoolean()
                  ? Map.of("completed", random.nextBoolean())
                  : Map.of("title", "edited " + random.nextInt(1000), "priority", List.of("none", "low", "high").get(random.nextInt(3)));
          queue.add(operation("update_task", id, etag(tasks.get(id)), change));
        } else if (roll == 8) {
          String id = taskIds.get(random.nextInt(taskIds.size()));
          queue.add(operation("move_task", id, null, java.util.Collections.singletonMap("after", null)));
        } else {
          String id = taskIds.remove(random.nextInt(taskIds.size()));
          queue.add(operation("delete_task", id, null, null));
        }
      }
      return queue;
    }
  }

  /** The ETag a device holds for an object it has seen; none for one it created in the same queue. */
  private static String etag(JsonNode known) {
    return known == null ? null : known.path("etag").asText();
  }

  private static ObjectNode operation(String op, String uuid, String ifMatch, Map<String, Object> data) {
    ObjectNode operation = ApiClient.object().put("op", op).put("uuid", uuid);
    if (ifMatch != null) {
      operation.put("if_match", ifMatch);
    }
    if (data != null) {
      operation.set("data", ApiClient.JSON.valueToTree(data));
    }
    return operation;
  }
}
