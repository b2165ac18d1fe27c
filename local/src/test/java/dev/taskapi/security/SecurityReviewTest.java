package dev.taskapi.security;

import static dev.taskapi.security.SecurityStack.assertProblemJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The findings of the security review (issue 11), each reproduced over real HTTP against a private local stack;
 * every test here failed on the main branch the review was made on. Measurements are printed for the notes.
 */
class SecurityReviewTest {
  private static final int PARALLEL_GUESSES = 30;
  private static final int LIMIT = 10;

  private static SecurityStack stack;
  private static ApiClient api;

  @BeforeAll
  static void setUp() {
    stack = SecurityStack.start();
    api = stack.client();
  }

  @AfterAll
  static void tearDown() {
    stack.close();
  }

  // ---- 1. The login limit cannot be raced ----

  @Test
  void thirtyParallelWrongLoginsCheckAtMostTenPasswordsAndTheRestGet429() {
    Account target = api.newAccount();
    Map<Integer, Integer> statuses =
        inParallel(PARALLEL_GUESSES, i -> api.login(target.email(), "wrong guess " + i));
    System.out.println("Finding 1: " + PARALLEL_GUESSES + " parallel wrong logins -> " + statuses
        + " (each 401 is one password checked)");
    int checked = statuses.getOrDefault(401, 0);
    assertTrue(checked <= LIMIT, "at most " + LIMIT + " passwords checked: " + statuses);
    assertEquals(PARALLEL_GUESSES, checked + statuses.getOrDefault(429, 0), "only 401 and 429: " + statuses);
    assertEquals(429, api.login(target.email(), target.password()).status(), "locked, even with the password");
  }

  // ---- 2. Re-entered passwords count against the same limit ----

  @Test
  void wrongCurrentPasswordsAre403UntilTheAccountLimitThen429EvenForTheRightOne() {
    Account owner = api.newAccount();
    Account stolen = login(owner);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      Response wrong = changePassword(stolen, "guess number " + i, "the attacker's passphrase");
      assertProblemJson(wrong);
      statuses.add(wrong.status());
    }
    Response right = changePassword(stolen, owner.password(), "the attacker's passphrase");
    System.out.println("Finding 2: 15 wrong current_password -> " + statuses + "; then the right one -> "
        + right.status());
    assertEquals(List.of(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 429, 429, 429, 429, 429), statuses);
    assertEquals(429, right.status(), "the right password is not even checked once locked");
    assertEquals(200, api.listTasks(owner, "").status(), "the owner's token still works");
    assertEquals(429, api.login(owner.email(), owner.password()).status(), "one limit per account, login included");
  }

  @Test
  void wrongPasswordsOnAccountDeletionAre403AndShareTheLimitWithLogin() {
    Account owner = api.newAccount();
    for (int i = 0; i < LIMIT - 1; i++) {
      assertEquals(401, api.login(owner.email(), "wrong guess " + i).status());
    }
    Response wrong = deleteAccount(owner, "one more guess");
    assertEquals(403, wrong.status(), wrong.text());
    assertProblemJson(wrong);
    Response locked = deleteAccount(owner, owner.password());
    assertEquals(429, locked.status(), locked.text());
    assertTrue(locked.header("Retry-After").isPresent());
    assertEquals(200, api.listTasks(owner, "").status(), "nothing was deleted");
  }

  // ---- helpers ----

  private static Account login(Account account) {
    Response response = api.login(account.email(), account.password());
    assertEquals(200, response.status(), response.text());
    return new Account(account.id(), account.email(), account.password(), response.json().path("token").asText());
  }

  private static Response changePassword(Account account, String current, String replacement) {
    return api.post("/auth/password", Map.of("current_password", current, "new_password", replacement),
        "Authorization", account.bearer());
  }

  private static Response deleteAccount(Account account, String password) {
    return api.send("DELETE", "/auth/me", ApiClient.json(Map.of("password", password)),
        "Authorization", account.bearer());
  }

  /** Sends {@code count} requests at once (released together) and counts their statuses. */
  private static Map<Integer, Integer> inParallel(int count, IntFunction<Response> request) {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        Callable<Response> call = () -> {
          start.await();
          return request.apply(n);
        };
        answers.add(pool.submit(call));
      }
      start.countDown();
      Map<Integer, Integer> statuses = new TreeMap<>();
      for (Future<Response> answer : answers) {
        statuses.merge(answer.get().status(), 1, Integer::sum);
      }
      return statuses;
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
