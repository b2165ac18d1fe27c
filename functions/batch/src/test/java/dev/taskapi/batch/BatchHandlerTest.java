package dev.taskapi.batch;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.domain.IdempotentAnswer;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.http.Cors;
import dev.taskapi.services.BatchRequest;
import dev.taskapi.services.IdempotentBatch;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.InMemoryIdempotencyStore;
import dev.taskapi.testing.InMemoryListStore;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batch's envelope rules and its results, on the in-memory stores. */
class BatchHandlerTest {
  private static final String ALICE = "user-alice";

  private final InMemoryTaskStore tasks = new InMemoryTaskStore();
  private final InMemoryListStore lists = new InMemoryListStore();
  private final InMemoryIdempotencyStore records = new InMemoryIdempotencyStore();
  private final BatchHandler handler =
      new BatchHandler(tasks, lists, records, TestCrypto.CLOCK, Duration.ofSeconds(15), Cors.none());
  private final TaskIds ids = new TaskIds();
  private Task existing;

  @BeforeEach
  void seed() {
    existing = TestTasks.task(ids.next(TestCrypto.NOW.toEpochMilli() - 60_000).toString(), ALICE, "existing", "");
    tasks.create(existing);
  }

  private APIGatewayProxyResponseEvent batch(String body, String key) {
    APIGatewayProxyRequestEvent event = Requests.asCaller(Requests.json(body), ALICE, "alice@example.com");
    if (key != null) {
      event = Requests.withHeader(event, "Idempotency-Key", key);
    }
    return Lambda.invoke(handler, event, new CapturingContext());
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private String update(String ifMatch, String title) {
    return "{\"op\":\"update_task\",\"uuid\":\"" + existing.id() + "\""
        + (ifMatch == null ? "" : ",\"if_match\":\"\\\"" + ifMatch + "\\\"\"")
        + ",\"data\":{\"title\":\"" + title + "\"}}";
  }

  private static String create(String title) {
    return "{\"op\":\"create_task\",\"uuid\":\"" + uuid() + "\",\"data\":{\"title\":\"" + title + "\"}}";
  }

  private static String operations(String... operations) {
    return "{\"operations\":[" + String.join(",", operations) + "]}";
  }

  @Test
  void eachOperationGetsItsRoutesAnswerInOrderAndAFailureDoesNotStopTheNextOnes() {
    String bad = "{\"op\":\"create_task\",\"uuid\":\"" + uuid() + "\",\"data\":{\"title\":\"x\",\"due\":{\"date\":\"2026-02-30\"}}}";
    JsonNode results = assertJson(batch(operations(update("7", "stale"), bad, update("1", "fresh"), create("new")), null), 200)
        .get("results");

    assertEquals(4, results.size());
    assertEquals(412, results.get(0).get("status").asInt());
    assertEquals("Precondition Failed", results.get(0).get("problem").get("title").asText());
    assertEquals(400, results.get(1).get("status").asInt());
    assertEquals(List.of("due.date"), invalidParamNames(results.get(1).get("problem")));
    assertEquals(200, results.get(2).get("status").asInt());
    assertEquals("\"2\"", results.get(2).get("etag").asText());
    assertEquals("fresh", results.get(2).get("body").get("task").get("title").asText());
    assertEquals(201, results.get(3).get("status").asInt());
    assertEquals("Task created", results.get(3).get("body").get("message").asText());
    assertEquals("fresh", tasks.find(ALICE, existing.id()).orElseThrow().title());
    assertEquals(2, tasks.tasksOf(ALICE).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"operations\":{}}",
      "{\"operations\":[]}",
      "{\"operations\":[CREATE],\"atomic\":true}",
      "{\"operations\":[CREATE,7]}",
      "{\"operations\":[CREATE,{\"op\":\"rename_task\",\"uuid\":\"UUID\",\"data\":{}}]}",
      "{\"operations\":[CREATE,{\"op\":\"delete_task\"}]}",
      "{\"operations\":[CREATE,{\"op\":\"delete_task\",\"uuid\":\"not-a-uuid\"}]}",
      "{\"operations\":[CREATE,{\"op\":\"delete_task\",\"uuid\":\"UUID\",\"if_match\":\"\\\"1\\\"\"}]}",
      "{\"operations\":[CREATE,{\"op\":\"delete_task\",\"uuid\":\"UUID\",\"data\":{}}]}",
      "{\"operations\":[CREATE,{\"op\":\"update_task\",\"uuid\":\"UUID\",\"if_match\":\"3\",\"data\":{}}]}",
      "{\"operations\":[CREATE,{\"op\":\"update_task\",\"uuid\":\"UUID\"}]}",
      "{\"operations\":[CREATE,{\"op\":\"create_list\",\"uuid\":\"UUID\",\"data\":{\"title\":\"t\",\"uuid\":\"UUID\"}}]}",
      "{\"operations\":[CREATE,{\"op\":\"delete_list\",\"uuid\":\"UUID\",\"extra\":1}]}",
  })
  void aMalformedBatchIsA400ThatAppliesNothing(String template) {
    String body = template.replace("CREATE", create("must not exist")).replace("UUID", uuid());

    JsonNode problem = assertProblem(batch(body, null), 400);

    assertFalse(invalidParamNames(problem).isEmpty(), problem.toString());
    assertEquals(List.of(existing), tasks.tasksOf(ALICE));
  }

  @Test
  void theProblemNamesEveryBadOperationByItsIndex() {
    String body = operations(create("a"), "{\"op\":\"nope\",\"uuid\":\"" + uuid() + "\"}", "[]",
        "{\"op\":\"delete_task\",\"uuid\":\"x\"}");

    JsonNode problem = assertProblem(batch(body, null), 400);

    assertEquals(List.of("operations[1].op", "operations[2]", "operations[3].uuid"), invalidParamNames(problem));
  }

  @Test
  void atomicIsRefusedByName() {
    JsonNode problem = assertProblem(batch("{\"operations\":[" + create("a") + "],\"atomic\":true}", null), 400);

    assertEquals(List.of("atomic"), invalidParamNames(problem));
  }

  @Test
  void aHundredOperationsAreOneBatchAndAHundredAndOneA400() {
    String hundred = operations(IntStream.range(0, 100).mapToObj(i -> create("t" + i)).toArray(String[]::new));
    JsonNode results = assertJson(batch(hundred, null), 200).get("results");
    assertEquals(100, results.size());
    assertEquals(101, tasks.tasksOf(ALICE).size());

    String tooMany = operations(IntStream.range(0, 101).mapToObj(i -> create("u" + i)).toArray(String[]::new));
    assertEquals(List.of("operations"), invalidParamNames(assertProblem(batch(tooMany, null), 400)));
    assertEquals(101, tasks.tasksOf(ALICE).size());
  }

  @Test
  void aReplayedKeyAnswersTheKeptResultsAndWritesNothing() {
    String body = operations(create("once"), update("1", "renamed"));
    APIGatewayProxyResponseEvent first = batch(body, "key-1");
    JsonNode original = assertJson(first, 200);
    assertNull(first.getHeaders().get("Idempotent-Replayed"));

    APIGatewayProxyResponseEvent replay = batch(body, "key-1");

    assertEquals(original, assertJson(replay, 200));
    assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
    assertEquals(2, tasks.tasksOf(ALICE).size());
    assertEquals(2, tasks.find(ALICE, existing.id()).orElseThrow().version());
  }

  @Test
  void theSameKeyWithAnotherBatchIsA422ThatWritesNothing() {
    batch(operations(create("once")), "key-2");

    assertProblem(batch(operations(create("other")), "key-2"), 422);
    assertEquals(2, tasks.tasksOf(ALICE).size());
  }

  @Test
  void aKeyStillHeldByARunningBatchIsA409() throws Exception {
    String body = operations(create("once"));
    String fingerprint = BatchRequest.parse((ObjectNode) JsonStreams.readTree(body)).fingerprint();
    records.claimAnswer(
        IdempotentAnswer.pending(ALICE, "key-3", fingerprint, TestCrypto.NOW.plus(IdempotentBatch.LEASE)),
        TestCrypto.NOW);

    assertProblem(batch(body, "key-3"), 409);
    assertEquals(1, tasks.tasksOf(ALICE).size());
  }

  @Test
  void a503StopsTheBatchAndTheOperationsAfterItAreNotAttempted() {
    String listId = ids.next(TestCrypto.NOW.toEpochMilli()).toString();
    lists.create(new TaskList(listId, ALICE, "big", TestCrypto.NOW, TestCrypto.NOW, TaskList.FIRST_VERSION), "a@x");
    lists.unfinishedDeletions(1); // as a list with more tasks than the budget deletes: 503, repeat to continue
    String body =
        operations(create("applied"), "{\"op\":\"delete_list\",\"uuid\":\"" + listId + "\"}", create("not attempted"));

    JsonNode results = assertJson(batch(body, null), 200).get("results");

    assertEquals(List.of(201, 503, 503), statuses(results));
    assertTrue(results.get(2).get("problem").get("detail").asText().startsWith("Not attempted"));
    assertEquals(2, tasks.tasksOf(ALICE).size());
  }

  private static List<Integer> statuses(JsonNode results) {
    List<Integer> statuses = new ArrayList<>();
    results.forEach(result -> statuses.add(result.get("status").asInt()));
    return statuses;
  }
}
