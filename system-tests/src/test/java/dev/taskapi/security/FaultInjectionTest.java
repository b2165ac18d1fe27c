package dev.taskapi.security;

import static dev.taskapi.security.SecurityStack.assertProblemJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.e2e.LocalApi;
import dev.taskapi.e2e.StackTable;
import dev.taskapi.http.Cors;
import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.security.FaultyDynamoDbProxy.Fault;
import dev.taskapi.testing.TestAccounts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DynamoDB unreachable, stalled, dropping connections, throttling or failing, while requests to every route are
 * in flight (a proxy between the functions and dynalite injects the fault): each request gets a 503 problem with
 * Retry-After within the function's timeout, the table is unchanged, and the API recovers by itself as soon as
 * DynamoDB answers again.
 */
class FaultInjectionTest {
  private static ProxiedStack proxied;
  private static FaultyDynamoDbProxy proxy;
  private static LocalApi stack;
  private static ApiClient api;
  private static StackTable table;
  private static Account account;
  private static Duration functionTimeout;
  private static int faultedRequests;

  @BeforeAll
  static void startBehindTheProxy() {
    proxied = new ProxiedStack();
    proxy = proxied.proxy();
    stack = proxied.api();
    api = stack.client();
    table = new StackTable(stack.stack());
    account = api.newAccount();
    functionTimeout = Duration.ofSeconds(stack.stack().template().functions().values().stream()
        .mapToInt(FunctionDef::timeoutSeconds).min().orElseThrow());
  }

  @AfterAll
  static void stop() {
    System.out.println("Fault injection: " + faultedRequests + " API requests answered 503 under "
        + proxy.faultsInjected() + " injected DynamoDB faults, and recovered");
    table.close();
    proxied.close();
  }

  /** One request per route that touches DynamoDB, and the status it gets when DynamoDB is healthy. */
  private static Map<String, Function<String, Response>> requests() {
    Map<String, Function<String, Response>> requests = new LinkedHashMap<>();
    requests.put("POST /auth/register", taskId -> api.register("u", "f-" + UUID.randomUUID() + "@example.com",
        TestAccounts.PASSWORD));
    requests.put("POST /auth", taskId -> api.login(account.email(), account.password()));
    requests.put("POST /tasks", taskId -> api.createTask(account, Map.of("title", "during a fault")));
    requests.put("GET /tasks", taskId -> api.listTasks(account, ""));
    requests.put("DELETE /tasks/{task_id}", taskId -> api.deleteTask(account, taskId));
    return requests;
  }

  private static final Map<String, Integer> HEALTHY_STATUS = Map.of(
      "POST /auth/register", 200, "POST /auth", 200, "POST /tasks", 201, "GET /tasks", 200,
      "DELETE /tasks/{task_id}", 200);

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"NONE", "LOSE_NEXT_RESPONSE", "LOSE_COMMITTED_RESPONSE"}, mode = EnumSource.Mode.EXCLUDE)
  void everyRouteAnswers503InTimeChangesNothingAndRecovers(Fault fault) throws Exception {
    String taskId = api.createTask(account, Map.of("title", "to delete")).json().path("task").path("uuid").asText();
    var before = table.snapshot();

    proxy.inject(fault);
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<Timed>> inFlight = new LinkedHashMap<>();
      requests().forEach((route, request) -> inFlight.put(route, clients.submit(() -> Timed.run(request, taskId))));
      for (var entry : inFlight.entrySet()) {
        Timed timed = entry.getValue().get();
        String what = fault + " on " + entry.getKey() + ": ";
        assertEquals(503, timed.response().status(), what + timed.response().text());
        assertProblemJson(timed.response());
        assertEquals("1", timed.response().header("Retry-After").orElse(null), what + "Retry-After");
        assertTrue(timed.elapsed().compareTo(functionTimeout) < 0, what + "took " + timed.elapsed());
        faultedRequests++;
      }
    } finally {
      proxy.inject(Fault.NONE);
    }

    assertEquals(before, table.snapshot(), "a request that got a 503 changed the table");
    requests().forEach((route, request) -> {
      Response response = request.apply(taskId);
      assertEquals(HEALTHY_STATUS.get(route), response.status(), "after " + fault + ", " + route + " recovered: "
          + response.text());
    });
  }

  /**
   * DynamoDB applies a write but its answer is lost, so the SDK retries a conditional write that already took
   * effect. The retry's condition failure must be recognised as the request's own success: not a 409 for a
   * registration that happened, nor a 500 for a task that was stored.
   */
  @Test
  void aWriteAppliedButNotAcknowledgedIsStillASuccessOnTheRetry() {
    String email = "lost-" + UUID.randomUUID() + "@example.com";
    proxy.inject(Fault.LOSE_NEXT_RESPONSE);
    Response registered = api.register("lost", email, TestAccounts.PASSWORD);
    assertEquals(200, registered.status(), registered.text());
    assertEquals(200, api.login(email, TestAccounts.PASSWORD).status());

    int before = api.listTasks(account, "?limit=1000").json().path("tasks").size();
    proxy.inject(Fault.LOSE_NEXT_RESPONSE);
    Response created = api.createTask(account, Map.of("title", "acknowledged once"));
    assertEquals(201, created.status(), created.text());
    assertEquals(before + 1, api.listTasks(account, "?limit=1000").json().path("tasks").size(), "stored once");
  }

  /**
   * The authorizer's GetItem of a fresh token's account meets one DynamoDB 500 or throttling error: it retries as the
   * SDK's standard strategy does, and the request goes through. One fault only, and it was the authorizer's: the
   * function behind it then reads a healthy DynamoDB.
   */
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"SERVER_ERROR", "THROTTLE", "THROTTLING_EXCEPTION", "DROP"})
  void anAuthorizerWhoseFirstGetItemFailsRetriesAndTheRequestSucceeds(Fault fault) {
    Account fresh = api.newAccount(); // its token has not been through the authorizer, so nothing is cached
    int faultsBefore = proxy.faultsInjected();
    proxy.injectFor(1, fault);
    Response response;
    try {
      response = api.send("GET", "/tasks", null, "Authorization", fresh.bearer(), "Origin", "http://localhost:3000");
    } finally {
      proxy.inject(Fault.NONE);
    }
    assertEquals(200, response.status(), fault + ": " + response.text());
    assertEquals(1, proxy.faultsInjected() - faultsBefore, "the authorizer's first GetItem met the fault");
  }

  /**
   * A DynamoDB that stays down through all three of the authorizer's attempts: the authorizer cannot check a fresh
   * token's account, so API Gateway answers AUTHORIZER_FAILURE itself (500, rendered by DEFAULT_5XX as the template
   * customises no such type), which a web app at the allowed origin can still read.
   */
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"SERVER_ERROR", "THROTTLE"})
  void anAuthorizerThatCannotReachDynamoDbIsA500TheAllowedOriginCanRead(Fault fault) {
    Account fresh = api.newAccount(); // its token has not been through the authorizer, so nothing is cached
    int faultsBefore = proxy.faultsInjected();
    proxy.inject(fault);
    Response response;
    try {
      response = api.send("GET", "/tasks", null, "Authorization", fresh.bearer(), "Origin", "http://localhost:3000");
    } finally {
      proxy.inject(Fault.NONE);
    }
    assertEquals(500, response.status(), response.text());
    int attempts = proxy.faultsInjected() - faultsBefore;
    // The standard strategy's 3 attempts; throttling backs off from 1 s, so under load the call's 5 s budget may
    // leave room for 2 only.
    assertTrue(attempts == 3 || (fault == Fault.THROTTLE && attempts == 2), attempts + " attempts");
    // DEFAULT_5XX serves several statuses, so its body names none: only its type and title are checked.
    assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
    assertEquals("Service Unavailable", response.json().path("title").asText(), response.text());
    assertEquals("http://localhost:3000", response.header("Access-Control-Allow-Origin").orElse(null));
    assertEquals(Cors.EXPOSED_HEADERS, response.header("Access-Control-Expose-Headers").orElse(null));
  }

  private record Timed(Response response, Duration elapsed) {
    static Timed run(Function<String, Response> request, String taskId) {
      long start = System.nanoTime();
      Response response = request.apply(taskId);
      return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
