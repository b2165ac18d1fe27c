package dev.taskapi.security;

import static dev.taskapi.security.SecurityStack.assertProblemJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.testing.TestAccounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The findings of the security review (issue 11), each reproduced over real HTTP against a private local stack;
 * every test here failed on the main branch the review was made on. Measurements are printed for the notes.
 */
class SecurityReviewTest {
  private static final int PARALLEL_GUESSES = 30;
  private static final int LIMIT = 10;
  private static final String PASSWORD = TestAccounts.PASSWORD;

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

  // ---- 3. One account per address, however it is spelled ----

  @Test
  void lookAlikeSpellingsOfAnAddressAreOneAccountOrRefused() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String alice = "alice-" + tag + "@example.com";
    assertEquals(200, api.register("alice", alice, PASSWORD).status());
    Map<String, Integer> attempts = new TreeMap<>();
    attempts.put("zero-width space", api.register("x", "alice\u200b-" + tag + "@example.com", PASSWORD).status());
    attempts.put("no-break space", api.register("x", "alice\u00a0-" + tag + "@example.com", PASSWORD).status());
    attempts.put("bidi mark", api.register("x", "alice-" + tag + "\u200e@example.com", PASSWORD).status());
    attempts.put("fullwidth a", api.register("x", "\uff41lice-" + tag + "@example.com", PASSWORD).status());
    attempts.put("surrounding spaces", api.register("x", "  " + alice + " ", PASSWORD).status());
    attempts.put("upper case", api.register("x", alice.toUpperCase(), PASSWORD).status());
    System.out.println("Finding 3: look-alikes of a registered address -> " + attempts);
    assertEquals(Map.of("zero-width space", 400, "no-break space", 400, "bidi mark", 400, "fullwidth a", 409,
        "surrounding spaces", 409, "upper case", 409), attempts);

    String decomposed = "cafe\u0301-" + tag + "@example.com";
    Response registered = api.register("café", decomposed, PASSWORD);
    assertEquals(200, registered.status());
    assertEquals(decomposed, registered.json().path("user").path("email").asText(), "kept as given, for display");
    assertEquals(409, api.register("x", "caf\u00e9-" + tag + "@example.com", PASSWORD).status(), "composed é");
    Response login = api.login("\uff43af\u00e9-" + tag + "@example.com", PASSWORD);
    assertEquals(200, login.status(), "login normalizes the same way");
    assertEquals(decomposed, login.json().path("user").path("email").asText());
  }

  // ---- 6. Half a character is not text ----

  @Test
  void anUnpairedSurrogateInAnyStringFieldIs400AndStoresNothing() {
    Account owner = api.newAccount();
    Map<String, Map<String, AttributeValue>> before = stack.items();
    String lone = "a\\ud800b";
    List<Response> answers = List.of(
        api.post("/tasks", "{\"title\":\"" + lone + "\"}", "Authorization", owner.bearer()),
        api.post("/tasks", "{\"title\":\"t\",\"description\":\"\\udc00\"}", "Authorization", owner.bearer()),
        api.post("/auth/register", "{\"username\":\"" + lone + "\",\"email\":\"s-" + UUID.randomUUID()
            + "@example.com\",\"password\":\"" + PASSWORD + "\"}"),
        api.post("/auth/register", "{\"username\":\"u\",\"email\":\"s-" + UUID.randomUUID()
            + "@example.com\",\"password\":\"" + PASSWORD + "\\ud800\"}"));
    for (Response answer : answers) {
      assertEquals(400, answer.status(), answer.text());
      assertProblemJson(answer);
    }
    assertEquals(before, stack.items(), "nothing was stored");
    Response paired = api.post("/tasks", "{\"title\":\"a\\ud83d\\ude00b\"}", "Authorization", owner.bearer());
    assertEquals(201, paired.status(), "a surrogate pair is one character: " + paired.text());
    assertEquals("a\ud83d\ude00b", paired.json().path("task").path("title").asText());
  }

  // ---- 4. A token the authorizer's cache let through is refused once it has expired ----

  @Test
  void aTokenCachedByTheGatewayIsRefusedWithTheGatewaysOwn401OnceExpired() throws InterruptedException {
    Account owner = api.newAccount();
    Instant exp = Instant.now().plusSeconds(2);
    Account shortLived = bearer(owner, ForgedTokens.issuedAt(stack.api().signingKey(), owner.id(), owner.email(),
        Instant.now(), exp));
    assertEquals(200, api.listTasks(shortLived, "").status(), "valid, and now in the authorizer's cache");
    Thread.sleep(Math.max(0, exp.toEpochMilli() - System.currentTimeMillis()) + 1100);

    Response expired = api.createTask(shortLived, Map.of("title", "after exp"));
    Response gateways = api.createTask(bearer(owner, "a.b.c"), Map.of("title", "a bad token"));
    System.out.println("Finding 4: a cached token after its exp -> " + expired.status());
    assertEquals(401, expired.status(), expired.text());
    assertEquals(gateways.text(), expired.text(), "the gateway's own 401 body");
    for (String header : List.of("Content-Type", "WWW-Authenticate", "Cache-Control", "X-Content-Type-Options",
        "X-Frame-Options", "Strict-Transport-Security")) {
      assertEquals(gateways.header(header), expired.header(header), header);
    }
    assertEquals(0, api.listTasks(owner, "").json().path("tasks").size(), "nothing was created");
  }

  @Test
  void noTaskOutlivesItsAccountEvenWhenCreatesRaceTheDeletion() {
    Account owner = api.newAccount();
    Map<Integer, Integer> statuses = inParallel(21, i -> i == 0
        ? deleteAccount(owner, owner.password())
        : api.createTask(owner, Map.of("title", "racing the deletion " + i)));
    Response after = api.createTask(owner, Map.of("title", "after the deletion"));
    List<String> left = stack.table().snapshot().keySet().stream()
        .filter(key -> key.startsWith("USER#" + owner.id() + "|")).toList();
    System.out.println("Finding 4: 20 creates racing DELETE /auth/me -> " + statuses + "; a create with the old token "
        + "after it -> " + after.status() + "; items left in the account's partition: " + left.size());
    assertEquals(1, statuses.getOrDefault(200, 0), "the deletion succeeded: " + statuses);
    assertEquals(404, after.status(), "the token still passes the cached authorizer, but no task is written");
    assertEquals(List.of(), left, "no task or record of the deleted account is left");
  }

  /**
   * What the authorizer's account check costs a request whose token is not in the gateway's cache, against one
   * whose token is: the measurement behind AuthorizerCacheTtlSeconds (SECURITY.md, "Authorizer cache").
   */
  @Test
  void measureWhatAnUncachedAuthorizationCostsARequest() {
    Account owner = api.newAccount();
    Instant now = Instant.now();
    int samples = 40;
    long[] uncached = new long[samples];
    long[] cached = new long[samples];
    for (int i = 0; i < samples; i++) {
      // A distinct token each time (exp one second apart): never in the cache, so the authorizer runs.
      Account fresh = bearer(owner, ForgedTokens.issuedAt(stack.api().signingKey(), owner.id(), owner.email(), now,
          now.plusSeconds(3600 + i)));
      uncached[i] = timed(() -> assertEquals(200, api.listTasks(fresh, "").status()));
      cached[i] = timed(() -> assertEquals(200, api.listTasks(fresh, "").status()));
    }
    java.util.Arrays.sort(uncached);
    java.util.Arrays.sort(cached);
    System.out.printf("Authorizer cache: GET /tasks median %.2f ms with the token uncached (JWT check + account "
        + "GetItem), %.2f ms cached, over %d pairs%n", uncached[samples / 2] / 1e6, cached[samples / 2] / 1e6,
        samples);
  }

  private static long timed(Runnable request) {
    long start = System.nanoTime();
    request.run();
    return System.nanoTime() - start;
  }

  // ---- 5. Account deletion leaves nothing behind ----

  @Test
  void deletingAnAccountDeletesItsIdempotencyRecordsAndItsLoginRecordWhichHoldNoTaskText() {
    Account owner = api.newAccount();
    assertEquals(401, api.login(owner.email(), "a wrong guess").status());
    String title = "secret title " + UUID.randomUUID();
    Response created = api.post("/tasks", Map.of("title", title, "description", "secret description"),
        "Authorization", owner.bearer(), "Idempotency-Key", "key-" + UUID.randomUUID());
    assertEquals(201, created.status(), created.text());
    Map<String, Map<String, AttributeValue>> records = stack.table().snapshot().entrySet().stream()
        .filter(e -> e.getKey().contains("IDEMPOTENCY"))
        .filter(e -> e.getValue().toString().contains(created.json().path("task").path("uuid").asText()))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(1, records.size(), "one record for the key: " + records.keySet());
    assertTrue(records.keySet().iterator().next().startsWith("USER#" + owner.id() + "|"), "in the user's partition");
    assertFalse(records.values().iterator().next().toString().contains("secret"), "no task text in the record");

    assertEquals(200, deleteAccount(owner, owner.password()).status());
    List<String> left = stack.table().snapshot().entrySet().stream()
        .filter(e -> e.getKey().contains(owner.id()) || e.getKey().contains(owner.email().toLowerCase())
            || e.getValue().toString().contains(owner.id()) || e.getValue().toString().contains(title))
        .map(Map.Entry::getKey)
        .toList();
    System.out.println("Finding 5: items of the account left after its deletion -> " + left);
    assertEquals(List.of(), left, "nothing of the account is left");
  }

  // ---- 10. Clock skew on iat and nbf, never on exp ----

  @Test
  void aTokenIssuedAFewSecondsAheadOfTheVerifiersClockIsAccepted() {
    Account owner = api.newAccount();
    Instant now = Instant.now();
    String ahead = ForgedTokens.issuedAt(stack.api().signingKey(), owner.id(), owner.email(), now.plusSeconds(3),
        now.plusSeconds(3600));
    assertEquals(200, api.listTasks(bearer(owner, ahead), "").status(), "iat 3 s ahead: clock skew");
    String farAhead = ForgedTokens.issuedAt(stack.api().signingKey(), owner.id(), owner.email(),
        now.plusSeconds(60), now.plusSeconds(3600));
    assertEquals(401, api.listTasks(bearer(owner, farAhead), "").status(), "iat a minute ahead: refused");
    String expired = ForgedTokens.issuedAt(stack.api().signingKey(), owner.id(), owner.email(),
        now.minusSeconds(60), now.minusSeconds(1));
    assertEquals(401, api.listTasks(bearer(owner, expired), "").status(), "no leeway on exp");
  }

  // ---- helpers ----

  private static Account bearer(Account account, String token) {
    return new Account(account.id(), account.email(), account.password(), token);
  }


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
