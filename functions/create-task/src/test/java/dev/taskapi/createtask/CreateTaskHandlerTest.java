package dev.taskapi.createtask;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.InMemoryIdempotencyStore;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTasks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CreateTaskHandlerTest {
  private static final String USER = "user-1";
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final InMemoryIdempotencyStore records = new InMemoryIdempotencyStore();
  private final CreateTaskHandler handler = new CreateTaskHandler(store, records, TestCrypto.CLOCK, Cors.none());

  private APIGatewayProxyResponseEvent create(String userId, String body) {
    return Lambda.invoke(handler, Requests.asCaller(Requests.json(body), userId, userId + "@example.com"), new CapturingContext());
  }

  @Test
  void createdTaskIsReturnedWith201() {
    JsonNode body = assertJson(create(USER, "{\"title\":\"Buy milk\",\"description\":\"2 litres\"}"), 201);
    assertEquals(List.of("message", "task"), fieldNames(body));
    assertEquals("Task created", body.get("message").asText());
    JsonNode task = body.get("task");
    assertEquals(TestTasks.memberNames(), fieldNames(task));
    assertEquals("Buy milk", task.get("title").asText());
    assertEquals(false, task.get("completed").asBoolean());
    assertEquals(task.get("created_at"), task.get("updated_at"));
    assertEquals("2 litres", task.get("description").asText());
    assertEquals(USER, task.get("user_id").asText());

    UUID id = UUID.fromString(task.get("uuid").asText());
    assertEquals(id.toString(), task.get("uuid").asText(), "canonical lower-case form");
    assertEquals(7, id.version());
  }

  @Test
  void createdAtIsIsoUtcWithMillisecondsFromTheClock() {
    String createdAt = assertJson(create(USER, "{\"title\":\"t\"}"), 201).get("task").get("created_at").asText();
    assertTrue(TIMESTAMP.matcher(createdAt).matches(), createdAt);
    assertEquals("2025-03-04T05:06:07.089Z", createdAt);
  }

  @Test
  void createdAtAlwaysHasThreeFractionDigits() {
    Clock wholeSecond = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    CreateTaskHandler atWholeSecond = new CreateTaskHandler(store, records, wholeSecond, Cors.none());
    JsonNode task =
        assertJson(Lambda.invoke(atWholeSecond, Requests.asCaller(Requests.json("{\"title\":\"t\"}"), USER, USER + "@example.com"), null), 201).get("task");
    assertEquals("2025-01-02T03:04:05.000Z", task.get("created_at").asText());
  }

  @Test
  void createdAtIsTheInstantTheIdCarries() {
    JsonNode task = assertJson(create(USER, "{\"title\":\"t\"}"), 201).get("task");
    long idMillis = TaskIds.epochMillis(UUID.fromString(task.get("uuid").asText()));
    assertEquals(Instant.ofEpochMilli(idMillis).toString(), task.get("created_at").asText());
  }

  @Test
  void taskIsStoredAsReturned() {
    JsonNode task = assertJson(create(USER, "{\"title\":\"Buy milk\",\"description\":\"2 litres\"}"), 201).get("task");
    List<Task> stored = store.tasksOf(USER);
    assertEquals(1, stored.size());
    Task t = stored.getFirst();
    assertEquals(task.get("uuid").asText(), t.id());
    assertEquals(USER, t.userId());
    assertEquals("Buy milk", t.title());
    assertEquals("2 litres", t.description());
    assertEquals(TestCrypto.NOW, t.createdAt());
  }

  @Test
  void ownerComesFromTheAuthorizerContextNotTheBody() {
    String body =
        "{\"title\":\"t\",\"user_id\":\"victim\",\"created_at\":\"1999-01-01T00:00:00.000Z\"}";
    JsonNode task = assertJson(create(USER, body), 201).get("task");
    assertEquals(USER, task.get("user_id").asText());
    assertEquals("2025-03-04T05:06:07.089Z", task.get("created_at").asText());
    assertTrue(store.tasksOf("victim").isEmpty());
    assertEquals(1, store.tasksOf(USER).size());
  }

  @Test
  void descriptionDefaultsToEmpty() {
    assertEquals("", assertJson(create(USER, "{\"title\":\"t\"}"), 201).get("task").get("description").asText());
  }

  @Test
  void unicodeIsStoredAndReturnedExactly() {
    String title = "Café ☕ \uD83D\uDE00 名前";
    JsonNode task = assertJson(create(USER, "{\"title\":\"" + title + "\"}"), 201).get("task");
    assertEquals(title, task.get("title").asText());
    assertEquals(title, store.tasksOf(USER).getFirst().title());
  }

  @Test
  void tasksCreatedInOneMillisecondGetIncreasingIds() {
    String first = assertJson(create(USER, "{\"title\":\"a\"}"), 201).get("task").get("uuid").asText();
    String second = assertJson(create(USER, "{\"title\":\"b\"}"), 201).get("task").get("uuid").asText();
    assertTrue(second.compareTo(first) > 0, first + " then " + second);
  }

  @Test
  void invalidTaskIs400AndNothingIsStored() {
    JsonNode problem = assertProblem(create(USER, "{\"title\":\" \",\"description\":5}"), 400);
    assertEquals(List.of("description", "title"), invalidParamNames(problem).stream().sorted().toList());
    assertProblem(create(USER, "{\"description\":\"d\"}"), 400);
    assertProblem(create(USER, "{\"title\":\"" + "t".repeat(201) + "\"}"), 400);
    assertTrue(store.tasksOf(USER).isEmpty());
  }

  @Test
  void missingAuthorizerContextIsAServerFaultAndNothingIsStored() {
    APIGatewayProxyRequestEvent unauthenticated = Requests.json("{\"title\":\"t\"}");
    assertProblem(Lambda.invoke(handler, unauthenticated, new CapturingContext()), 500);
    assertTrue(store.listCalls().isEmpty());
    assertTrue(store.tasksOf(USER).isEmpty());
  }

  private APIGatewayProxyResponseEvent createWithKey(String key, String body) {
    return Lambda.invoke(handler, 
        Requests.withHeader(Requests.asCaller(Requests.json(body), USER, USER + "@example.com"), "Idempotency-Key", key), null);
  }

  @Test
  void aRetryWithTheSameKeyAndBodyAnswersTheOriginalAndCreatesNothing() {
    APIGatewayProxyResponseEvent first = createWithKey("key-1", "{\"title\":\"t\",\"description\":\"d\"}");
    APIGatewayProxyResponseEvent retry = createWithKey("key-1", "{ \"description\": \"d\", \"title\": \"t\" }");

    assertEquals(assertJson(first, 201), assertJson(retry, 201));
    assertEquals(null, first.getHeaders().get("Idempotent-Replayed"));
    assertEquals("true", retry.getHeaders().get("Idempotent-Replayed"));
    assertEquals(1, store.tasksOf(USER).size());
    assertJson(createWithKey("key-2", "{\"title\":\"t\",\"description\":\"d\"}"), 201);
    assertEquals(2, store.tasksOf(USER).size(), "another key is another task");
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
    assertJson(createWithKey("key-1", "{\"title\":\"t\"}"), 201);
    assertProblem(createWithKey("key-1", "{\"title\":\"other\"}"), 422);
    assertEquals(1, store.tasksOf(USER).size());
  }

  @Test
  void anInvalidKeyIs400() {
    for (String key : new String[] {"", "with space", "ü", "k".repeat(256)}) {
      assertEquals(List.of("Idempotency-Key"), invalidParamNames(assertProblem(createWithKey(key, "{\"title\":\"t\"}"), 400)));
    }
    assertTrue(store.tasksOf(USER).isEmpty());
    assertJson(createWithKey("k".repeat(255), "{\"title\":\"t\"}"), 201);
  }

  @Test
  void aClientIdIsTheTasksIdAndTheSameRequestAgainIsA201ReplayOfTheTaskAsItIsNow() {
    String id = UUID.randomUUID().toString();
    String body = "{\"uuid\":\"" + id.toUpperCase(java.util.Locale.ROOT) + "\",\"title\":\"t\"}";
    APIGatewayProxyResponseEvent first = create(USER, body);
    JsonNode task = assertJson(first, 201).get("task");
    assertEquals(id, task.get("uuid").asText());
    assertEquals("2025-03-04T05:06:07.089Z", task.get("created_at").asText(), "the clock's: a v4 carries no time");
    assertEquals(null, first.getHeaders().get("Idempotent-Replayed"));

    APIGatewayProxyResponseEvent replay = create(USER, body);

    assertEquals(task, assertJson(replay, 201).get("task"));
    assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
    assertEquals(1, store.tasksOf(USER).size());
  }

  @Test
  void aClientIdWithOtherContentIsA409AndAnotherUsersIdIsTheirOwn() {
    String id = UUID.randomUUID().toString();
    assertJson(create(USER, "{\"uuid\":\"" + id + "\",\"title\":\"t\"}"), 201);

    assertProblem(create(USER, "{\"uuid\":\"" + id + "\",\"title\":\"other\"}"), 409);
    assertEquals("t", store.tasksOf(USER).getFirst().title());
    JsonNode theirs = assertJson(create("user-2", "{\"uuid\":\"" + id + "\",\"title\":\"other\"}"), 201);
    assertEquals("other", theirs.get("task").get("title").asText());
  }

  @Test
  void anInvalidClientIdIsA400NamingUuidAndWritesNothing() {
    JsonNode problem = assertProblem(create(USER, "{\"uuid\":\"00000000-0000-0000-0000-000000000000\",\"title\":\"t\"}"), 400);
    assertEquals(List.of("uuid"), invalidParamNames(problem));
    assertTrue(store.tasksOf(USER).isEmpty());
  }
}
