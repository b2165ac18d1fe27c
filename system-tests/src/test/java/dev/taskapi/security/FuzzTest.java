package dev.taskapi.security;

import static dev.taskapi.security.SecurityStack.assertProblemJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated requests to every route, generated from a seed (printed, and settable to replay a failure):
 * methods, paths, query strings, headers, tokens and JSON bodies. Invariants: never a 5xx, never a dropped
 * connection, every error a problem+json body, and a 4xx writes nothing to DynamoDB (but a failed-login record).
 *
 * <p>{@code -Dtaskapi.fuzz.cases=N} sets the number of cases (default 2000); {@code -Dtaskapi.fuzz.seed=S}
 * replays a run.
 */
class FuzzTest {
  private static final int CASES = Integer.getInteger("taskapi.fuzz.cases", 2000);
  private static final long SEED = Long.getLong("taskapi.fuzz.seed", System.nanoTime());

  private static ProxiedStack stack;
  private static ApiClient api;
  private static Account account;
  private static String taskId;

  @BeforeAll
  static void start() {
    stack = new ProxiedStack();
    api = stack.api().client();
    account = api.newAccount();
    taskId = api.createTask(account, java.util.Map.of("title", "fuzz")).json().path("task").path("uuid").asText();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void randomAndMutatedRequestsNeverBreakTheApi() {
    FuzzInputs inputs = new FuzzInputs(SEED, account, taskId);
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    stack.proxy().takeAcceptedWrites();
    for (int i = 0; i < CASES; i++) {
      FuzzInputs.Case fuzzCase = inputs.next();
      String replay = "case " + i + " of seed " + SEED + " (-Dtaskapi.fuzz.seed=" + SEED + "): " + fuzzCase;
      Response response;
      try {
        response = api.exchange(build(fuzzCase));
      } catch (UncheckedIOException e) {
        throw new AssertionError("dropped connection on " + replay, e);
      }
      List<String> writes = stack.proxy().takeAcceptedWrites();
      statuses.merge(response.status(), 1, Integer::sum);
      assertTrue(response.status() < 500, () -> replay + " -> " + response.status() + " " + response.text());
      if (response.status() >= 400) {
        if (!fuzzCase.method().equals("HEAD")) {
          assertProblemJson(response, replay);
        }
        assertTrue(writes.stream().allMatch(w -> w.equals("UpdateItem LOGIN#")),
            () -> replay + " -> " + response.status() + " but wrote " + writes);
      }
    }
    System.out.println("Fuzz: " + CASES + " cases from seed " + SEED + ", statuses " + statuses);
    assertEquals(200, api.listTasks(account, "").status(), "the API still serves its user");
  }

  private static HttpRequest build(FuzzInputs.Case fuzzCase) {
    HttpRequest.Builder request = api.request(fuzzCase.pathAndQuery())
        .method(fuzzCase.method(), fuzzCase.body() == null ? BodyPublishers.noBody()
            : BodyPublishers.ofByteArray(fuzzCase.body()));
    fuzzCase.headers().forEach(header -> request.header(header.name(), header.value()));
    return request.build();
  }

}
