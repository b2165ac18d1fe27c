package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.User;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.testing.TestAccounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /auth/register and POST /auth over real HTTP against the local stack. */
class AuthEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private static String uniqueEmail() {
    return "u-" + UUID.randomUUID() + "@example.com";
  }

  @Test
  void registerAnswersTheSeedShapeWithAUuidAndAToken() {
    String email = uniqueEmail();
    Response response = api.register("exampleuser", email, TestAccounts.PASSWORD);

    assertEquals(200, response.status(), response.text());
    assertTrue(response.contentType().startsWith("application/json"));
    JsonNode body = response.json();
    assertEquals("User registered successfully", body.path("message").asText());
    assertEquals("exampleuser", body.path("user").path("username").asText());
    assertEquals(email, body.path("user").path("email").asText());
    UUID.fromString(body.path("user").path("id").asText());
    assertEquals(3, body.path("token").asText().split("\\.").length);
    assertEquals(List.of("id", "username", "email"), fieldNames(body.path("user")));
    assertFalse(response.text().contains(TestAccounts.PASSWORD));
    assertFalse(response.text().contains("argon2"));
    assertEquals("no-store", response.header("Cache-Control").orElse(""));
  }

  @Test
  void theSameEmailInAnyLetterCaseIsAConflict() {
    String email = uniqueEmail();
    assertEquals(200, api.register("first", email, TestAccounts.PASSWORD).status());

    Response again = api.register("second", email.toUpperCase(), TestAccounts.NEW_PASSWORD);

    assertEquals(409, again.status(), again.text());
    assertProblem(again, 409);
    assertEquals(401, api.login(email, TestAccounts.NEW_PASSWORD).status(), "the second registration changed nothing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"email\":\"a@example.com\",\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"email\":\"a@example.com\"}",
        "{\"username\":null,\"email\":\"a@example.com\",\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"email\":42,\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"email\":\"a@example.com\",\"password\":12345678}",
        "{\"username\":[\"u\"],\"email\":\"a@example.com\",\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"email\":\"not-an-email\",\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"email\":\"a@@example.com\",\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"email\":\"a b@example.com\",\"password\":\"longenough\"}",
        "{\"username\":\"\",\"email\":\"a@example.com\",\"password\":\"longenough\"}",
        "{\"username\":\"u\",\"email\":\"a@example.com\",\"password\":\"short77\"}",
        "{\"username\":\"u\",\"email\":\"a@example.com\"",
        "",
        "[]",
        "\"just a string\"",
        "null"
      })
  void invalidRegistrationsAre400AndCreateNothing(String body) {
    Response response = api.send("POST", "/auth/register", body.isEmpty() ? null : body);

    assertEquals(400, response.status(), body + " -> " + response.text());
    assertProblem(response, 400);
    // Read the table rather than log in: these 17 cases would reach the failed-login limit of that address.
    try (StackTable table = new StackTable(LocalApi.shared().stack())) {
      assertFalse(table.contains("EMAIL#a@example.com", "USER"), "nothing was registered");
    }
  }

  @Test
  void usernameAndPasswordLengthBoundsAreExact() {
    assertEquals(400, api.register("x".repeat(65), uniqueEmail(), TestAccounts.PASSWORD).status());
    assertEquals(200, api.register("x".repeat(64), uniqueEmail(), TestAccounts.PASSWORD).status());
    // Random characters, so that only the length decides (ASVS 2.1.1: 12 to 128; 8 was the minimum before).
    String random = (UUID.randomUUID() + "" + UUID.randomUUID() + UUID.randomUUID() + UUID.randomUUID()).repeat(2);
    assertEquals(400, api.register("u", uniqueEmail(), random.substring(0, 129)).status());
    assertEquals(200, api.register("u", uniqueEmail(), random.substring(0, 128)).status());
    assertEquals(200, api.register("u", uniqueEmail(), random.substring(0, 12)).status());
    assertEquals(400, api.register("u", uniqueEmail(), random.substring(0, 11)).status());
    assertEquals(400, api.register("u", uniqueEmail(), random.substring(0, 8)).status());
  }

  @Test
  void anAccountWhosePasswordWasSetUnderTheOld8CharacterMinimumStillLogsInAndChangesIt() {
    // Stored as registration stored it before the minimum became 12: through the real store, into dynalite.
    String email = uniqueEmail();
    String legacy = "8 chars!";
    try (StackTable table = new StackTable(LocalApi.shared().stack())) {
      table.userStore().create(new User(UUID.randomUUID().toString(), "legacy", email,
          new PasswordHasher(PasswordHasher.OWASP).hash(legacy), Instant.now()));
    }

    Response login = api.login(email, legacy);

    assertEquals(200, login.status(), login.text());
    Response changed = api.post("/auth/password",
        Map.of("current_password", legacy, "new_password", TestAccounts.NEW_PASSWORD),
        "Authorization", "Bearer " + login.json().path("token").asText());
    assertEquals(200, changed.status(), changed.text());
    assertEquals(200, api.login(email, TestAccounts.NEW_PASSWORD).status());
  }

  @Test
  void aBreachedPasswordIs400NamingPasswordAndRegistersNothing() {
    String email = uniqueEmail();
    Response refused = api.register("ada", email, "iloveyou2024");

    assertProblem(refused, 400);
    assertEquals("password", refused.json().path("invalid_params").path(0).path("name").asText());
    assertTrue(refused.json().path("invalid_params").path(0).path("reason").asText().startsWith("is too easy to guess"));
    assertFalse(refused.text().contains("iloveyou2024"));
    try (StackTable table = new StackTable(LocalApi.shared().stack())) {
      assertTrue(table.userStore().findByEmail(email).isEmpty(), "nothing was registered");
    }
  }

  @Test
  void invalidFieldsAreAllNamed() {
    Response response =
        api.post("/auth/register", Map.of("username", "", "email", "nope", "password", "short"));

    assertEquals(400, response.status());
    List<String> names = new ArrayList<>();
    response.json().path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    assertEquals(List.of("username", "email", "password"), names);
  }

  @Test
  void sixteenConcurrentRegistrationsOfOneEmailLetExactlyOneIn() throws Exception {
    String email = uniqueEmail();
    // Warm first: on AWS sixteen concurrent requests get sixteen environments; locally they would queue behind
    // one cold start (the function's own copy of the SDK, loaded and not yet compiled), timing out on a busy
    // machine for reasons that have nothing to do with the race under test.
    assertEquals(200, api.register("warm-up", uniqueEmail(), "a racing passphrase").status());
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String variant = i % 2 == 0 ? email : email.toUpperCase();
      attempts.add(() -> api.register("racer", variant, "a racing passphrase").status());
    }
    List<Integer> statuses = runAll(attempts);

    assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
    assertEquals(15, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
  }

  @Test
  void loginAnswersTheSameShapeAndMatchesTheEmailInAnyCase() {
    String email = uniqueEmail();
    Response registered = api.register("ada", email, TestAccounts.PASSWORD);

    Response response = api.login(email.toUpperCase(), TestAccounts.PASSWORD);

    assertEquals(200, response.status(), response.text());
    assertEquals("Authentication successful", response.json().path("message").asText());
    assertEquals(registered.json().path("user"), response.json().path("user"));
    assertFalse(response.json().path("token").asText().isEmpty());
    assertFalse(response.text().contains(TestAccounts.PASSWORD));
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSame401() {
    String email = uniqueEmail();
    api.register("ada", email, TestAccounts.PASSWORD);

    Response wrongPassword = api.login(email, "wrong horse");
    Response unknownEmail = api.login(uniqueEmail(), TestAccounts.PASSWORD);

    assertEquals(401, wrongPassword.status());
    assertEquals(401, unknownEmail.status());
    assertEquals(wrongPassword.json(), unknownEmail.json());
    assertProblem(wrongPassword, 401);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"password\":\"x\"}",
        "{\"email\":\"a@example.com\"}",
        "{\"email\":1,\"password\":\"x\"}",
        "{\"email\":\"a@example.com\",\"password\":null}",
        "{",
        "[]"
      })
  void loginWithMissingOrNonStringFieldsIs400(String body) {
    Response response = api.send("POST", "/auth", body);
    assertEquals(400, response.status(), body + " -> " + response.text());
    assertProblem(response, 400);
  }

  static void assertProblem(Response response, int status) {
    assertTrue(
        response.contentType().startsWith("application/problem+json"),
        "content type was " + response.contentType());
    assertEquals(status, response.json().path("status").asInt(), response.text());
    assertFalse(response.json().path("title").asText().isEmpty());
    assertFalse(response.json().path("detail").asText().isEmpty());
    assertEquals("about:blank", response.json().path("type").asText());
    assertFalse(response.text().contains("Exception"), response.text());
    assertFalse(response.text().contains("\tat "), response.text());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<T>> futures = pool.invokeAll(calls);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
