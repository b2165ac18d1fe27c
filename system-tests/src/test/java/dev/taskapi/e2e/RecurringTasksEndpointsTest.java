package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recurring tasks over real HTTP against the local stack (issue 26's recurrence): completing one advances its due
 * in one conditional write that GET /sync shows; a recurrence its due does not allow is a 400 with nothing written.
 * Every answer is held to openapi.yaml's strict Task schema by {@link ApiClient}.
 */
class RecurringTasksEndpointsTest {
  private static final String BERLIN_MONDAY_0900 =
      "{\"date\":\"2027-03-22\",\"time\":\"09:00\",\"time_zone\":\"Europe/Berlin\"}";

  private final ApiClient api = LocalApi.shared().client();

  private Response send(Account account, String method, String path, String body, String... headers) {
    List<String> all = new ArrayList<>(List.of("Authorization", account.bearer()));
    all.addAll(List.of(headers));
    return api.send(method, path, body, all.toArray(String[]::new));
  }

  private JsonNode created(Account account, String body) {
    Response created = send(account, "POST", "/tasks", body);
    assertEquals(201, created.status(), created.text());
    return created.json().path("task");
  }

  private static JsonNode json(String text) throws Exception {
    return ApiClient.JSON.readTree(text);
  }

  private static List<String> invalidParams(Response refused) {
    assertProblem(refused, 400);
    List<String> names = new ArrayList<>();
    refused.json().path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  @Test
  void completingAWeeklyTaskMovesItsDueAWeekOnAtNineBerlinTimeAcrossSummerTimeAndSyncShowsIt() throws Exception {
    Account ada = api.newAccount();
    JsonNode task = created(ada, "{\"title\":\"Stand-up\",\"due\":" + BERLIN_MONDAY_0900
        + ",\"recurrence\":{\"rule\":\"FREQ=WEEKLY;BYDAY=MO\"}}");
    String id = task.path("uuid").asText();
    assertEquals(json("{\"rule\":\"FREQ=WEEKLY;BYDAY=MO\",\"from\":\"due\"}"), task.path("recurrence"));
    assertTrue(task.path("last_completed_at").isNull());
    Response before = send(ada, "GET", "/sync", null);
    String token = before.json().path("token").asText();

    Response done = send(ada, "PATCH", "/tasks/" + id, "{\"completed\":true}", "If-Match", "\"1\"");

    assertEquals(200, done.status(), done.text());
    assertEquals("\"2\"", done.header("ETag").orElseThrow(), "one write");
    JsonNode advanced = done.json().path("task");
    assertEquals(json("{\"date\":\"2027-03-29\",\"time\":\"09:00\",\"time_zone\":\"Europe/Berlin\","
        + "\"instant\":\"2027-03-29T07:00:00Z\"}"), advanced.path("due"), "09:00 summer time: 07:00Z, not 08:00Z");
    assertFalse(advanced.path("completed").asBoolean());
    assertTrue(advanced.path("completed_at").isNull());
    assertEquals(advanced.path("updated_at"), advanced.path("last_completed_at"));
    assertEquals(advanced, send(ada, "GET", "/tasks/" + id, null).json().path("task"), "as stored");

    Response changes = send(ada, "GET", "/sync?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), null);
    assertEquals(200, changes.status(), changes.text());
    assertEquals(1, changes.json().path("tasks").size(), changes.text());
    assertEquals(advanced, changes.json().path("tasks").path(0));
  }

  @Test
  void aBatchCompletionAdvancesToo() {
    Account ada = api.newAccount();
    String id = created(ada, "{\"title\":\"Bins\",\"due\":{\"date\":\"2027-03-24\"},"
        + "\"recurrence\":{\"rule\":\"FREQ=WEEKLY;BYDAY=MO,FR\",\"from\":\"due\"}}").path("uuid").asText();

    Response batch = send(ada, "POST", "/batch", "{\"operations\":[{\"op\":\"update_task\",\"uuid\":\"" + id
        + "\",\"data\":{\"completed\":true}}]}");

    assertEquals(200, batch.status(), batch.text());
    JsonNode result = batch.json().path("results").path(0);
    assertEquals(200, result.path("status").asInt(), batch.text());
    assertEquals("2027-03-26", result.path("body").path("task").path("due").path("date").asText(), "the Friday");
    assertFalse(result.path("body").path("task").path("completed").asBoolean());
  }

  @Test
  void aCountThatRunsOutCompletesTheTaskForGood() {
    Account ada = api.newAccount();
    String id = created(ada, "{\"title\":\"Twice\",\"due\":{\"date\":\"2027-03-01\",\"time\":\"18:00\"},"
        + "\"recurrence\":{\"rule\":\"FREQ=DAILY;COUNT=2\"}}").path("uuid").asText();

    JsonNode second = send(ada, "PATCH", "/tasks/" + id, "{\"completed\":true}").json().path("task");
    JsonNode last = send(ada, "PATCH", "/tasks/" + id, "{\"completed\":true}").json().path("task");

    assertEquals("2027-03-02", second.path("due").path("date").asText());
    assertEquals("18:00", second.path("due").path("time").asText(), "floating, as written");
    assertTrue(last.path("completed").asBoolean());
    assertEquals(last.path("completed_at"), last.path("last_completed_at"));
    assertEquals("2027-03-02", last.path("due").path("date").asText());
  }

  @Test
  void anInvalidRuleOrARecurrenceWithoutADueIsA400AndNothingIsWritten() {
    Account ada = api.newAccount();

    assertEquals(List.of("recurrence.rule"), invalidParams(send(ada, "POST", "/tasks",
        "{\"title\":\"t\",\"due\":{\"date\":\"2027-03-01\"},\"recurrence\":{\"rule\":\"FREQ=FORTNIGHTLY\"}}")));
    assertEquals(List.of("recurrence.from"), invalidParams(send(ada, "POST", "/tasks",
        "{\"title\":\"t\",\"due\":{\"date\":\"2027-03-01\"},\"recurrence\":{\"rule\":\"FREQ=DAILY\",\"from\":\"now\"}}")));
    assertEquals(List.of("due"), invalidParams(send(ada, "POST", "/tasks",
        "{\"title\":\"t\",\"recurrence\":{\"rule\":\"FREQ=DAILY\"}}")));
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size(), "nothing written");

    JsonNode plain = created(ada, "{\"title\":\"plain\"}");
    String plainId = plain.path("uuid").asText();
    assertEquals(List.of("due"), invalidParams(send(ada, "PATCH", "/tasks/" + plainId,
        "{\"recurrence\":{\"rule\":\"FREQ=DAILY\"}}")));
    JsonNode recurring = created(ada, "{\"title\":\"r\",\"due\":{\"date\":\"2027-03-01\"},"
        + "\"recurrence\":{\"rule\":\"FREQ=DAILY\"}}");
    String recurringId = recurring.path("uuid").asText();
    assertEquals(List.of("due"), invalidParams(send(ada, "PATCH", "/tasks/" + recurringId, "{\"due\":null}")));
    assertEquals(plain, send(ada, "GET", "/tasks/" + plainId, null).json().path("task"), "nothing written");
    assertEquals(recurring, send(ada, "GET", "/tasks/" + recurringId, null).json().path("task"), "nothing written");

    Response stopped = send(ada, "PATCH", "/tasks/" + recurringId, "{\"due\":null,\"recurrence\":null}");
    assertEquals(200, stopped.status(), stopped.text());
    assertTrue(stopped.json().path("task").path("recurrence").isNull());
  }
}
