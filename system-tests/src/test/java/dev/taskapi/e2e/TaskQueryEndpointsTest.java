package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code GET /tasks} with every filter and order over real HTTP (issue 22): each query walked one task per page
 * by its cursors, cursors refused for another query or user, and wrong values named in one 400. Every answer is
 * also held to openapi.yaml by {@link ApiClient}.
 */
class TaskQueryEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  /**
   * Six tasks, oldest first: milk (Work, high, due 24th), sweep (straße, low, 24th 09:00, completed), call
   * (medium, 25th 08:00 Auckland, "FILE" in its description), plain, meeting (WORK and home, 23rd, completed),
   * taxes (a ligature in its title). Then sweep and meeting are completed, in that order.
   */
  private Account seed() {
    Account ada = api.newAccount();
    create(ada, "{\"title\":\"Buy milk\",\"labels\":[\"Work\"],\"priority\":\"high\",\"due\":{\"date\":\"2026-12-24\"}}");
    String sweep = create(ada, "{\"title\":\"Straße fegen\",\"labels\":[\"straße\"],\"priority\":\"low\","
        + "\"due\":{\"date\":\"2026-12-24\",\"time\":\"09:00\"}}");
    create(ada, "{\"title\":\"Call\",\"description\":\"about the FILE\",\"priority\":\"medium\","
        + "\"due\":{\"date\":\"2026-12-25\",\"time\":\"08:00\",\"time_zone\":\"Pacific/Auckland\"}}");
    create(ada, "{\"title\":\"plain\"}");
    String meeting = create(ada, "{\"title\":\"Réunion\",\"labels\":[\"WORK\",\"home\"],\"due\":{\"date\":\"2026-12-23\"}}");
    create(ada, "{\"title\":\"\uFB01le taxes\"}");
    patch(ada, sweep, "{\"completed\":true}");
    patch(ada, meeting, "{\"completed\":true}");
    return ada;
  }

  @Test
  void everyFilterSelectsItsTasksAcrossPagesNewestFirst() {
    Account ada = seed();
    api.createTask(api.newAccount(), "{\"title\":\"Buy milk\",\"labels\":[\"work\"]}"); // someone else's

    assertEquals(List.of("Réunion", "Buy milk"), walk(ada, "label=work"));
    assertEquals(List.of("Straße fegen"), walk(ada, "label=" + encode(" STRASSE ")));
    assertEquals(List.of("Buy milk"), walk(ada, "priority=high"));
    assertEquals(List.of("\uFB01le taxes", "Réunion", "plain"), walk(ada, "priority=none"));
    assertEquals(List.of("Réunion"), walk(ada, "due_before=2026-12-24"));
    assertEquals(List.of("Call"), walk(ada, "due_after=2026-12-24"));
    assertEquals(List.of("Straße fegen", "Buy milk"), walk(ada, "due_after=2026-12-23&due_before=2026-12-25"));
    assertEquals(List.of("Straße fegen"), walk(ada, "q=STRASSE"));
    assertEquals(List.of("\uFB01le taxes", "Call"), walk(ada, "q=file"));
    assertEquals(List.of("Réunion"), walk(ada, "q=" + encode("RÉUNION")));
    assertEquals(List.of("Réunion"), walk(ada, "completed=true&label=Work"));
    assertEquals(List.of("Buy milk"), walk(ada, "completed=false&label=Work&q=milk&priority=high"));
    assertEquals(List.of(), walk(ada, "q=absent"));
  }

  @Test
  void everyOrderListsEveryTaskOnceAcrossPagesBothWays() {
    Account ada = seed();
    List<String> byDue = List.of("Réunion", "Buy milk", "Straße fegen", "Call", "plain", "\uFB01le taxes");
    assertEquals(byDue, walk(ada, "sort=due"));
    assertEquals(byDue.reversed(), walk(ada, "sort=-due"));
    List<String> byPriority = List.of("plain", "Réunion", "\uFB01le taxes", "Straße fegen", "Call", "Buy milk");
    assertEquals(byPriority, walk(ada, "sort=priority"));
    assertEquals(byPriority.reversed(), walk(ada, "sort=-priority"));
    List<String> byCreated = List.of("Buy milk", "Straße fegen", "Call", "plain", "Réunion", "\uFB01le taxes");
    assertEquals(byCreated, walk(ada, "sort=created"));
    assertEquals(byCreated.reversed(), walk(ada, "sort=-created"));
    assertEquals(byCreated.reversed(), walk(ada, ""), "the seed's listing: newest first");
    assertEquals(List.of("Buy milk", "Call", "plain", "\uFB01le taxes", "Straße fegen", "Réunion"),
        walk(ada, "sort=updated"), "the two completed last");
    assertEquals(List.of("Buy milk", "Straße fegen", "Call"), walk(ada, "sort=due&due_after=2026-12-23"));

    // A list's default order is the user's (position): for tasks never moved, the order they were created in.
    String inbox = api.send("GET", "/lists", null, "Authorization", ada.bearer()).json().path("lists").get(0)
        .path("uuid").asText();
    assertEquals(byCreated, walk(ada, "list_id=" + inbox));
    assertEquals(byCreated.reversed(), walk(ada, "list_id=" + inbox + "&sort=-position"));
    assertEquals(List.of("Buy milk", "Réunion"), walk(ada, "list_id=" + inbox + "&label=work"));
    assertEquals(List.of("Réunion", "Buy milk"), walk(ada, "list_id=" + inbox + "&label=work&sort=-created"));
    assertEquals(List.of(), walk(ada, "list_id=" + java.util.UUID.randomUUID()));
  }

  @Test
  void aCursorContinuesOnlyItsOwnQueryForItsOwnUser() {
    Account ada = seed();
    Account bob = api.newAccount();
    String cursor = api.listTasks(ada, "?label=work&limit=1").json().path("next_cursor").asText();
    String seedCursor = api.listTasks(ada, "?limit=1").json().path("next_cursor").asText();

    assertEquals(200, api.listTasks(ada, "?label=WORK&limit=1&cursor=" + cursor).status(), "the same query");
    for (String other : List.of("label=home", "label=work&sort=created", "label=work&q=milk", "", "completed=true",
        "label=work&sort=-due", "label=work&due_before=2027-01-01")) {
      Response replayed = api.listTasks(ada, "?" + other + "&cursor=" + cursor);
      assertProblem(replayed, 400);
      assertEquals(List.of("cursor"), invalidParams(replayed), other);
    }
    assertEquals(List.of("cursor"), invalidParams(api.listTasks(bob, "?label=work&cursor=" + cursor)), "bob");
    assertEquals(List.of("cursor"), invalidParams(api.listTasks(ada, "?label=work&cursor=" + seedCursor)));
  }

  @Test
  void wrongValuesAndCombinationsAreOne400NamingEachParameter() {
    Account ada = seed();

    Response position = api.listTasks(ada, "?sort=position");
    assertProblem(position, 400);
    assertEquals(List.of("sort"), invalidParams(position), "position needs a list_id");
    Response everything = api.listTasks(ada, "?limit=0&list_id=nope&parent_id=1&completed=yes&label=%20"
        + "&priority=urgent&due_before=2026-02-30&due_after=24.12.2026&q=&sort=title");
    assertProblem(everything, 400);
    assertEquals(
        List.of("limit", "list_id", "parent_id", "completed", "label", "priority", "due_before", "due_after", "q", "sort"),
        invalidParams(everything));
    assertEquals(List.of("q"), invalidParams(api.listTasks(ada, "?q=" + "x".repeat(101))));
  }

  /** Every page of the query, one task a page, following next_cursor; the titles in order. */
  private List<String> walk(Account account, String query) {
    List<String> titles = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 20; pages++) {
      String parameters = "?limit=1" + (query.isEmpty() ? "" : "&" + query) + (cursor == null ? "" : "&cursor=" + cursor);
      Response page = api.listTasks(account, parameters);
      assertEquals(200, page.status(), parameters + " " + page.text());
      assertEquals(List.of("tasks", "next_cursor"), AuthEndpointsTest.fieldNames(page.json()));
      assertTrue(page.json().path("tasks").size() <= 1);
      page.json().path("tasks").forEach(task -> titles.add(task.path("title").asText()));
      if (page.json().path("next_cursor").isNull()) {
        return titles;
      }
      cursor = page.json().path("next_cursor").asText();
    }
    throw new AssertionError("more pages than tasks: " + query + " " + titles);
  }

  private String create(Account account, String body) {
    Response created = api.createTask(account, body);
    assertEquals(201, created.status(), created.text());
    return created.json().path("task").path("uuid").asText();
  }

  private void patch(Account account, String taskId, String body) {
    Response patched = api.send("PATCH", "/tasks/" + taskId, body, "Authorization", account.bearer());
    assertEquals(200, patched.status(), patched.text());
  }

  private static List<String> invalidParams(Response response) {
    List<String> names = new ArrayList<>();
    response.json().path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
