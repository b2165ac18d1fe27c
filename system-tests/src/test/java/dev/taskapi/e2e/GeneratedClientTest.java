package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.client.ApiClient;
import dev.taskapi.client.ApiException;
import dev.taskapi.client.ApiResponse;
import dev.taskapi.client.api.AuthApi;
import dev.taskapi.client.api.ListsApi;
import dev.taskapi.client.api.TasksApi;
import dev.taskapi.client.model.AuthResponse;
import dev.taskapi.client.model.Due;
import dev.taskapi.client.model.ModelList;
import dev.taskapi.client.model.MoveRequest;
import dev.taskapi.client.model.NewListRequest;
import dev.taskapi.client.model.NewTaskRequest;
import dev.taskapi.client.model.Priority;
import dev.taskapi.client.model.Problem;
import dev.taskapi.client.model.RegistrationRequest;
import dev.taskapi.client.model.Task;
import dev.taskapi.client.model.TaskListResponse;
import dev.taskapi.client.model.TaskResponse;
import dev.taskapi.client.model.TaskUpdateRequest;
import dev.taskapi.client.model.TaskUpdatedResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client generated from openapi.yaml by openapi-generator (Java, library "native", see system-tests/pom.xml)
 * drives the local stack through a user's whole day: the contract is enough for a generator to produce a working
 * client, types and all, and error bodies parse as its {@code Problem}.
 */
class GeneratedClientTest {
  private final ApiClient client = new ApiClient();

  GeneratedClientTest() {
    client.updateBaseUri(LocalApi.shared().stack().baseUri().toString());
  }

  @Test
  void registerCreatePageMovePatchWithIfMatchAndDeleteThroughTheGeneratedClient() throws Exception {
    String email = "gen-" + UUID.randomUUID() + "@example.com";
    AuthResponse registered = new AuthApi(client).registerUser(
        new RegistrationRequest().username("generated").email(email).password("correct horse battery"));
    assertEquals(email, registered.getUser().getEmail());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + registered.getToken()));
    TasksApi tasks = new TasksApi(client);

    List<UUID> created = new ArrayList<>();
    for (String title : List.of("one", "two", "three")) {
      Task task = tasks.createTask(new NewTaskRequest().title(title), null).getTask();
      assertEquals(title, task.getTitle());
      assertEquals("", task.getDescription());
      created.add(task.getUuid());
    }

    TaskListResponse first = tasks.getAllTasks(2, null, null, null, null, null, null, null, null, null, null);
    assertEquals(2, first.getTasks().size());
    assertNotNull(first.getNextCursor());
    TaskListResponse last = tasks.getAllTasks(2, null, null, null, null, null, null, null, null, null, first.getNextCursor());
    assertEquals(1, last.getTasks().size());
    assertNull(last.getNextCursor());
    List<UUID> listed = new ArrayList<>();
    first.getTasks().forEach(t -> listed.add(t.getUuid()));
    last.getTasks().forEach(t -> listed.add(t.getUuid()));
    assertEquals(created.reversed(), listed, "newest first, across both pages");

    // The user's own order: "three" first (after: null), then "one" right after it; "two" stays last. This
    // generator's mapper leaves nulls out (NON_NULL), and a null after differs from an absent one (first, not
    // last): the client sends nulls for that call (list_id: null in a move is its own list).
    ObjectMapper nonNull = client.getObjectMapper();
    client.setObjectMapper(nonNull.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS));
    Task three = new TasksApi(client).moveTask(created.get(2), new MoveRequest().after(null), null).getTask();
    client.setObjectMapper(nonNull);
    Task one = tasks.moveTask(created.get(0), new MoveRequest().after(created.get(2)), null).getTask();
    String two = tasks.getTask(created.get(1)).getTask().getPosition();
    assertTrue(three.getPosition().compareTo(one.getPosition()) < 0, three.getPosition() + " < " + one.getPosition());
    assertTrue(one.getPosition().compareTo(two) < 0, one.getPosition() + " < " + two);
    assertEquals(three.getListId(), one.getListId(), "both in the Inbox");

    UUID id = created.getFirst();
    ApiResponse<TaskResponse> read = tasks.getTaskWithHttpInfo(id);
    String etag = read.getHeaders().get("ETag").getFirst();
    TaskUpdatedResponse done = tasks.updateTask(id, new TaskUpdateRequest().completed(true), etag);
    assertTrue(done.getTask().getCompleted());

    // The same, now stale, ETag: 412, and the body is the contract's Problem.
    ApiException stale = assertThrows(ApiException.class,
        () -> tasks.updateTask(id, new TaskUpdateRequest().title("too late"), etag));
    assertEquals(412, stale.getCode());
    Problem problem = client.getObjectMapper().readValue(stale.getResponseBody(), Problem.class);
    assertEquals(412, problem.getStatus());
    assertNotNull(problem.getTitle());

    assertNotNull(tasks.deleteTask(id).getMessage());
    ApiException gone = assertThrows(ApiException.class, () -> tasks.getTask(id));
    assertEquals(404, gone.getCode());
    assertEquals(404, client.getObjectMapper().readValue(gone.getResponseBody(), Problem.class).getStatus());
  }

  @Test
  void listsDueDatesLabelsAndEveryFilterThroughTheGeneratedClient() throws Exception {
    String email = "gen-" + UUID.randomUUID() + "@example.com";
    AuthResponse registered = new AuthApi(client).registerUser(
        new RegistrationRequest().username("generated").email(email).password("correct horse battery"));
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + registered.getToken()));
    TasksApi tasks = new TasksApi(client);
    ListsApi lists = new ListsApi(client);

    UUID errands = lists.createList(new NewListRequest().title("Errands")).getList().getUuid();
    UUID inbox = lists.getAllLists().getLists().stream().filter(ModelList::getDefault).findFirst().orElseThrow().getUuid();
    Task milk = tasks.createTask(new NewTaskRequest().title("Buy milk").priority(Priority.HIGH)
        .labels(List.of("Shopping")).due(new Due().date(LocalDate.parse("2026-12-24"))), null).getTask();
    Task call = tasks.createTask(new NewTaskRequest().title("Call Berlin").description("about the party")
        .due(new Due().date(LocalDate.parse("2027-03-28")).time("09:00").timeZone("Europe/Berlin")), null).getTask();
    assertEquals(LocalDate.parse("2026-12-24"), milk.getDue().getDate());
    assertEquals(List.of("Shopping"), milk.getLabels());

    assertEquals(List.of(milk.getUuid()), uuids(tasks.getAllTasks(
        null, null, null, null, "shopping", null, null, null, null, null, null)));
    assertEquals(List.of(milk.getUuid()), uuids(tasks.getAllTasks(
        null, null, null, false, null, Priority.HIGH, LocalDate.parse("2027-01-01"), null, null, null, null)));
    assertEquals(List.of(call.getUuid()), uuids(tasks.getAllTasks(
        null, null, null, null, null, null, null, LocalDate.parse("2026-12-24"), "PARTY", null, null)));
    assertEquals(List.of(milk.getUuid(), call.getUuid()), uuids(tasks.getAllTasks(
        null, null, null, null, null, null, null, null, null, "due", null)));
    assertEquals(List.of(call.getUuid(), milk.getUuid()), uuids(tasks.getAllTasks(
        null, inbox, null, null, null, null, null, null, null, "-created", null)), "tasks go to the Inbox");
    assertEquals(List.of(), uuids(tasks.getAllTasks(
        null, errands, null, null, null, null, null, null, null, "-due", null)));

    TaskListResponse first = tasks.getAllTasks(1, null, null, null, null, null, null, null, null, "-due", null);
    assertEquals(List.of(call.getUuid()), uuids(first));
    assertEquals(List.of(milk.getUuid()), uuids(tasks.getAllTasks(
        1, null, null, null, null, null, null, null, null, "-due", first.getNextCursor())));
    ApiException otherQuery = assertThrows(ApiException.class, () -> tasks.getAllTasks(
        1, null, null, null, null, null, null, null, null, "due", first.getNextCursor()));
    assertEquals(400, otherQuery.getCode());
    Problem problem = client.getObjectMapper().readValue(otherQuery.getResponseBody(), Problem.class);
    assertEquals("cursor", problem.getInvalidParams().getFirst().getName());
  }

  private static List<UUID> uuids(TaskListResponse page) {
    return page.getTasks().stream().map(Task::getUuid).toList();
  }
}
