package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * due, priority, labels and completed_at over real HTTP (issue 22's wire contract); every answer is also held to
 * openapi.yaml's strict Task schema by {@link ApiClient}.
 */
class TaskFieldsEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  private Response create(Account account, String body) {
    return api.send("POST", "/tasks", body, "Authorization", account.bearer());
  }

  private Response patch(Account account, String taskId, String body) {
    return api.send("PATCH", "/tasks/" + taskId, body, "Authorization", account.bearer());
  }

  private JsonNode read(Account account, String taskId) {
    Response response = api.send("GET", "/tasks/" + taskId, null, "Authorization", account.bearer());
    assertEquals(200, response.status(), response.text());
    return response.json().path("task");
  }

  private static JsonNode json(String text) throws Exception {
    return ApiClient.JSON.readTree(text);
  }

  @Test
  void aDueAt0900InBerlinOnTheDaySummerTimeBeginsReturnsAsSentWithItsInstant() throws Exception {
    Account ada = api.newAccount();
    Response created = create(ada,
        "{\"title\":\"Call Berlin\",\"due\":{\"date\":\"2027-03-28\",\"time\":\"09:00\",\"time_zone\":\"Europe/Berlin\"}}");

    assertEquals(201, created.status(), created.text());
    JsonNode expected = json(
        "{\"date\":\"2027-03-28\",\"time\":\"09:00\",\"time_zone\":\"Europe/Berlin\",\"instant\":\"2027-03-28T07:00:00Z\"}");
    assertEquals(expected, created.json().path("task").path("due"));
    assertEquals(expected, read(ada, created.json().path("task").path("uuid").asText()).path("due"));
  }

  @Test
  void aWholeDayAndAFloatingTimeReturnExactlyAsSent() throws Exception {
    Account ada = api.newAccount();
    for (String due : List.of("{\"date\":\"2026-12-24\"}", "{\"date\":\"2026-12-24\",\"time\":\"09:00:30\"}")) {
      Response created = create(ada, "{\"title\":\"t\",\"due\":" + due + "}");
      assertEquals(201, created.status(), created.text());
      assertEquals(json(due), read(ada, created.json().path("task").path("uuid").asText()).path("due"));
    }
  }

  @Test
  void everyWrongFieldIsNamedInOne400AndNothingIsWritten() {
    Account ada = api.newAccount();

    Response refused = create(ada,
        "{\"title\":\"t\",\"due\":{\"date\":\"2026-02-30\",\"time_zone\":\"Mars/Olympus\"},\"priority\":\"urgent\","
            + "\"labels\":[" + labels(21) + "]}");

    assertProblem(refused, 400);
    List<String> names = new ArrayList<>();
    refused.json().path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    assertEquals(List.of("due.date", "due.time_zone", "priority", "labels"), names);
    assertEquals(0, api.listTasks(ada, "").json().path("tasks").size(), "nothing written");
    assertProblem(create(ada, "{\"title\":\"t\",\"due\":{\"time\":\"09:00\"}}"), 400);
  }

  private static String labels(int count) {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < count; i++) {
      labels.append(i == 0 ? "" : ",").append("\"label ").append(i).append('"');
    }
    return labels.toString();
  }

  @Test
  void newFieldsDefaultOnCreateAndPatchSetsAndClearsThem() throws Exception {
    Account ada = api.newAccount();
    Response created = create(ada, "{\"title\":\"t\",\"description\":\"d\"}");
    JsonNode task = created.json().path("task");
    String id = task.path("uuid").asText();
    assertTrue(task.path("due").isNull());
    assertEquals("none", task.path("priority").asText());
    assertEquals(json("[]"), task.path("labels"));
    assertTrue(task.path("completed_at").isNull());

    Response set = patch(ada, id, "{\"priority\":\"high\",\"labels\":[\" Work \",\"WORK\",\"home\"],"
        + "\"due\":{\"date\":\"2026-12-24\"}}");
    assertEquals(200, set.status(), set.text());
    assertEquals(json("[\"Work\",\"home\"]"), read(ada, id).path("labels"));
    assertEquals("high", read(ada, id).path("priority").asText());

    Response cleared = patch(ada, id, "{\"due\":null,\"labels\":null}");
    assertEquals(200, cleared.status(), cleared.text());
    JsonNode after = read(ada, id);
    assertTrue(after.path("due").isNull());
    assertEquals(json("[]"), after.path("labels"));
    assertEquals("high", after.path("priority").asText(), "not sent: kept");
    assertProblem(patch(ada, id, "{\"priority\":null}"), 400);
  }

  @Test
  void completedAtFollowsCompleted() {
    Account ada = api.newAccount();
    String id = create(ada, "{\"title\":\"t\"}").json().path("task").path("uuid").asText();

    JsonNode done = patch(ada, id, "{\"completed\":true}").json().path("task");
    assertEquals(done.path("updated_at"), done.path("completed_at"));
    JsonNode renamed = patch(ada, id, "{\"title\":\"renamed\",\"completed\":true}").json().path("task");
    assertEquals(done.path("completed_at"), renamed.path("completed_at"), "still the first completion");
    JsonNode reopened = patch(ada, id, "{\"completed\":false}").json().path("task");
    assertTrue(reopened.path("completed_at").isNull());
  }
}
