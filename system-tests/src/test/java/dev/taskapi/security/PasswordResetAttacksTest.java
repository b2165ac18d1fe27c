package dev.taskapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.e2e.LocalApi;
import dev.taskapi.e2e.Mailbox;
import dev.taskapi.testing.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on account recovery over the local API, mailbox included: the reset token's single use, expiry and
 * voiding, the per-address mail limit, and account enumeration by status, body, headers or timing (measured).
 * The authorizer cache is 0 s, so a reset's revocation of access tokens shows at once.
 */
class PasswordResetAttacksTest {
  /** The answer time the timing is measured against: shorter than the default 1 s, to keep the suite fast. */
  private static final int ANSWER_MS = 300;
  private static final Set<String> SENSITIVE = Collections.synchronizedSet(new HashSet<>());

  private static SecurityStack stack;
  private static ApiClient api;
  private static Mailbox mailbox;

  @BeforeAll
  static void start() {
    stack = SecurityStack.start(options -> options.withParameterOverrides(Map.of(
        "AuthorizerCacheTtlSeconds", "0", "PasswordResetAnswerMs", Integer.toString(ANSWER_MS))));
    api = stack.client();
    mailbox = new Mailbox(stack.api().stack().runtime().mailDir());
  }

  @AfterAll
  static void noResetTokenReachedTheLogs() {
    try {
      String logs = stack.capturedLogs();
      assertTrue(logs.contains("Mail: to="), "the capture saw the mailbox's log lines");
      for (String token : SENSITIVE) {
        assertFalse(logs.contains(token), "a reset or session token was logged");
      }
    } finally {
      stack.close();
    }
  }

  private static Response requestReset(String email) {
    return api.post("/auth/password-reset", Map.of("email", email));
  }

  private static String mailedToken(Account account) {
    assertEquals(202, requestReset(account.email()).status());
    String token = mailbox.resetToken(account.email());
    SENSITIVE.add(token);
    return token;
  }

  private static Response confirm(String token, String password) {
    Response response = api.post("/auth/password-reset/confirm", Map.of("token", token, "new_password", password));
    if (response.status() == 200) {
      SENSITIVE.add(response.json().path("token").asText());
      SENSITIVE.add(response.json().path("refresh_token").asText());
    }
    return response;
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aResetRevokesEverySessionAndAccessTokenAndTheTokenWorksOnce() {
    Account ada = api.newAccount();
    Response session = api.login(ada.email(), ada.password());
    String token = mailedToken(ada);

    Response reset = confirm(token, "a brand new passphrase");

    assertEquals(200, reset.status(), reset.text());
    assertEquals(401, api.refresh(session.json().path("refresh_token").asText()).status());
    assertEquals(401, api.send("GET", "/auth/me", null, "Authorization", ada.bearer()).status());
    assertEquals(200, api.send("GET", "/auth/me", null, "Authorization",
        "Bearer " + reset.json().path("token").asText()).status());
    Response again = confirm(token, "the attacker's passphrase");
    assertEquals(400, again.status());
    assertEquals(200, api.login(ada.email(), "a brand new passphrase").status());
  }

  @Test
  void usedUnknownExpiredAndVoidedTokensGetOneAndTheSame400() throws Exception {
    Account ada = api.newAccount();
    String used = mailedToken(ada);
    assertEquals(200, confirm(used, TestAccounts.NEW_PASSWORD).status());
    Account bob = api.newAccount();
    String expired = mailedToken(bob);
    stack.table().setNumber("RESET#" + bob.id(), "TOKEN#" + sha256(expired), "expires_at",
        Instant.now().getEpochSecond() - 1);
    Account eve = api.newAccount();
    String older = mailedToken(eve);
    String newer = mailedToken(eve);
    assertEquals(200, confirm(newer, "eve's new passphrase").status());

    List<Response> refused = List.of(confirm(used, TestAccounts.NEW_PASSWORD), confirm(expired, TestAccounts.NEW_PASSWORD),
        confirm(older, TestAccounts.NEW_PASSWORD), confirm(UUID.randomUUID().toString(), TestAccounts.NEW_PASSWORD),
        confirm("", TestAccounts.NEW_PASSWORD), confirm("x".repeat(5000), TestAccounts.NEW_PASSWORD));

    for (Response response : refused) {
      assertEquals(400, response.status(), response.text());
      SecurityStack.assertProblemJson(response);
      assertEquals(refused.getFirst().text(), response.text(), "one body for every bad token");
    }
    assertEquals(200, api.login(bob.email(), bob.password()).status(), "the expired token changed nothing");
  }

  @Test
  void ofConcurrentConfirmationsWithOneTokenExactlyOneWins() throws Exception {
    Account ada = api.newAccount();
    String token = mailedToken(ada);
    int racers = 6;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Response> responses = new ArrayList<>();
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String password = "racer passphrase " + i;
        answers.add(pool.submit(() -> {
          go.await();
          return confirm(token, password);
        }));
      }
      go.countDown();
      for (Future<Response> answer : answers) {
        responses.add(answer.get());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Integer> statuses = responses.stream().map(Response::status).toList();
    // The refusals' bodies say why; a 200's carries tokens, which stay out of the report.
    String answered = responses.stream().map(r -> r.status() == 200 ? "200" : r.status() + " " + r.text()).toList()
        .toString();
    assertEquals(1, statuses.stream().filter(s -> s == 200).count(), answered);
    assertEquals(racers - 1, statuses.stream().filter(s -> s == 400).count(), answered);
  }

  @Test
  void atMostThreeMailsPerAddressAnHourAndTheFourthIsAnsweredTheSame() {
    Account ada = api.newAccount();
    List<Response> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      answers.add(requestReset(i % 2 == 0 ? ada.email() : ada.email().toUpperCase()));
    }
    for (Response answer : answers) {
      assertEquals(202, answer.status());
      assertEquals(answers.getFirst().text(), answer.text());
    }
    assertEquals(3, mailbox.messagesTo(ada.email()).size());
  }

  @Test
  void theAnswerDoesNotRevealWhetherAnAccountExistsByStatusBodyHeadersOrTiming() {
    int rounds = 12;
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      accounts.add(api.newAccount());
    }
    requestReset("warm-up-" + UUID.randomUUID() + "@example.com"); // the function's first request pays its init
    List<Long> existing = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    Response reference = null;
    for (int i = 0; i < rounds; i++) {
      for (boolean exists : new boolean[] {i % 2 == 0, i % 2 != 0}) {
        String email = exists ? accounts.get(i).email() : "nobody-" + UUID.randomUUID() + "@example.com";
        long start = System.nanoTime();
        Response answer = requestReset(email);
        long micros = (System.nanoTime() - start) / 1000;
        (exists ? existing : unknown).add(micros);
        assertEquals(202, answer.status());
        if (reference == null) {
          reference = answer;
        }
        assertEquals(reference.text(), answer.text());
        assertEquals(headersThatMayDiffer(reference), headersThatMayDiffer(answer));
      }
    }
    for (Account account : accounts) {
      assertEquals(1, mailbox.messagesTo(account.email()).size(), "each account got its mail");
    }
    double existingMs = median(existing) / 1000.0;
    double unknownMs = median(unknown) / 1000.0;
    System.out.printf("Password reset timing (answer time %d ms, %d requests each): median %.1f ms with an account,"
        + " %.1f ms without, difference %.1f ms%n", ANSWER_MS, rounds, existingMs, unknownMs, existingMs - unknownMs);
    assertTrue(existingMs >= ANSWER_MS && unknownMs >= ANSWER_MS, "both wait out the answer time");
    assertTrue(Math.abs(existingMs - unknownMs) < 40, () -> "medians differ by " + (existingMs - unknownMs) + " ms");
  }

  /** The headers with the per-request ones (ids, dates) left out. */
  private static Map<String, List<String>> headersThatMayDiffer(Response response) {
    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(response.headers());
    headers.keySet().removeIf(name -> name.equalsIgnoreCase("date") || name.toLowerCase().contains("request-id")
        || name.toLowerCase().contains("requestid") || name.equalsIgnoreCase("x-amz-apigw-id")
        || name.equalsIgnoreCase(":status") || name.equalsIgnoreCase("x-amzn-trace-id"));
    return headers;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }
}
