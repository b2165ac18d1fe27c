package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static dev.taskapi.e2e.AuthEndpointsTest.runAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** POST /tasks with an Idempotency-Key over real HTTP: retries, a reused key, concurrent retries. */
class IdempotentCreateTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response create(Account account, String key, Object body) {
    return api.post("/tasks", body, "Authorization", account.bearer(), "Idempotency-Key", key);
  }

  private int taskCount(Account account) {
    return api.listTasks(account, "").json().path("tasks").size();
  }

  @Test
  void aRetryAnswersTheOriginal201AndCreatesNothing() {
    Account ada = api.newAccount();
    String key = UUID.randomUUID().toString();
    Map<String, String> body = Map.of("title", "Pay rent", "description", "before the 5th");

    Response first = create(ada, key, body);
    Response retry = create(ada, key, body);

    assertEquals(201, first.status(), first.text());
    assertEquals(201, retry.status(), retry.text());
    assertEquals(first.json(), retry.json());
    assertEquals("true", retry.header("Idempotent-Replayed").orElseThrow());
    assertEquals(1, taskCount(ada));
  }

  /**
   * Kept on purpose (SECURITY.md, docs/api-behaviour.md): a key names a request, not the task's current state, so a
   * retry answers what the first request answered, as Stripe's keys do, even once the task is deleted; it
   * neither brings the task back nor creates another.
   */
  @Test
  void aRetryAfterTheTaskWasDeletedAnswersTheOriginal201AndRecreatesNothing() {
    Account ada = api.newAccount();
    String key = UUID.randomUUID().toString();
    Map<String, String> body = Map.of("title", "Pay rent");
    Response first = create(ada, key, body);
    String id = first.json().path("task").path("uuid").asText();
    assertEquals(200, api.deleteTask(ada, id).status());

    Response retry = create(ada, key, body);

    assertEquals(201, retry.status(), retry.text());
    assertEquals(first.json(), retry.json());
    assertEquals("true", retry.header("Idempotent-Replayed").orElseThrow());
    assertEquals(0, taskCount(ada), "the deleted task stays deleted");
    assertEquals(404, api.send("GET", "/tasks/" + id, null, "Authorization", ada.bearer()).status());
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndKeysArePerUser() {
    Account ada = api.newAccount();
    Account bob = api.newAccount();
    String key = UUID.randomUUID().toString();
    assertEquals(201, create(ada, key, Map.of("title", "one")).status());

    assertProblem(create(ada, key, Map.of("title", "two")), 422);
    assertEquals(1, taskCount(ada));
    Response bobs = create(bob, key, Map.of("title", "two"));
    assertEquals(201, bobs.status(), "another user's key is another key");
    assertEquals(bob.id(), bobs.json().path("task").path("user_id").asText());
  }

  @Test
  void ofConcurrentRetriesExactlyOneTaskIsCreatedAndAllAnswerIt() throws Exception {
    Account ada = api.newAccount();
    String key = UUID.randomUUID().toString();
    List<Callable<Response>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      attempts.add(() -> create(ada, key, Map.of("title", "once")));
    }

    List<Response> responses = runAll(attempts);

    var uuids = new HashSet<String>();
    for (Response response : responses) {
      assertEquals(201, response.status(), response.text());
      uuids.add(response.json().path("task").path("uuid").asText());
    }
    assertEquals(1, uuids.size(), uuids.toString());
    assertEquals(1, taskCount(ada));
  }

  @Test
  void aMalformedKeyIs400AndCreatesNothing() {
    Account ada = api.newAccount();
    assertProblem(create(ada, "k".repeat(256), Map.of("title", "t")), 400);
    assertEquals(0, taskCount(ada));
  }
}
