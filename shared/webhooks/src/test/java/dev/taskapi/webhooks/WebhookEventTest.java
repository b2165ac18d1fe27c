package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.api.JsonBody;
import dev.taskapi.api.ListView;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.ItemChange;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which event each write of a task or list is, and what its data holds. */
class WebhookEventTest {
  private static final String USER = "user-1";
  private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
  private final Task task =
      Task.created("0195abcd-0000-7000-8000-000000000001", USER, Optional.empty(), TestTasks.values("Write", ""));

  private static Optional<WebhookEvent> of(Optional<Task> before, Optional<Task> after) {
    String id = before.or(() -> after).orElseThrow().id();
    return WebhookEvent.of(new ItemChange.OfTask(USER, id, before, after), AT);
  }

  @Test
  void aCreatedTaskIsTaskCreatedWithTheTaskAsItsRouteReturnsIt() {
    WebhookEvent event = of(Optional.empty(), Optional.of(task)).orElseThrow();

    assertEquals("task.created", event.type());
    assertEquals(task.updatedAt(), event.occurredAt());
    assertEquals(JsonBody.toJson(TaskView.of(task)), JsonBody.toJson(event.data()));
  }

  @Test
  void aDeletedTaskIsTaskDeletedWithItsUuidAtTheStreamRecordsTime() {
    WebhookEvent event = of(Optional.of(task), Optional.empty()).orElseThrow();

    assertEquals("task.deleted", event.type());
    assertEquals(AT, event.occurredAt());
    assertEquals("{\"uuid\":\"" + task.id() + "\"}", JsonBody.toJson(event.data()));
  }

  @Test
  void completingIsTaskCompletedAndAnyOtherVisibleChangeTaskUpdated() {
    Task completed = task.apply(TaskChanges.none().set(TaskFields.COMPLETED, true), AT);
    Task retitled = task.apply(TaskChanges.none().set(TaskFields.TITLE, "Rewrite"), AT);
    Task reopened = completed.apply(TaskChanges.none().set(TaskFields.COMPLETED, false), AT.plusSeconds(1));

    assertEquals("task.completed", of(Optional.of(task), Optional.of(completed)).orElseThrow().type());
    assertEquals("task.updated", of(Optional.of(task), Optional.of(retitled)).orElseThrow().type());
    assertEquals("task.updated", of(Optional.of(completed), Optional.of(reopened)).orElseThrow().type());
  }

  @Test
  void aRecurringTasksAdvanceIsTaskCompletedThoughItIsOpenAgain() {
    Task advanced = new Task(task.id(), USER, task.createdAt(), AT, task.version() + 1, task.placement(),
        task.values().with(TaskFields.LAST_COMPLETED_AT, Optional.of(AT)));

    WebhookEvent event = of(Optional.of(task), Optional.of(advanced)).orElseThrow();

    assertEquals("task.completed", event.type());
    assertTrue(JsonBody.toJson(event.data()).contains("\"completed\":false"));
  }

  @Test
  void aWriteThatChangesNothingTheRouteShowsIsNoEvent() {
    assertEquals(Optional.empty(), of(Optional.of(task), Optional.of(task)));
  }

  @Test
  void listsAreCreatedUpdatedAndDeletedOnceTheDefaultListIsOnlyEverUpdated() {
    TaskList list = new TaskList("0195abcd-0000-7000-8000-0000000000aa", USER, "Home", AT, AT, 1);
    TaskList renamed = new TaskList(list.id(), USER, "House", AT, AT.plusSeconds(1), 2);
    TaskList inbox = new TaskList(TaskLists.defaultListId(USER), USER, "Work", AT, AT, 1);

    assertEquals("list.created", list(Optional.empty(), Optional.of(list)).orElseThrow().type());
    assertEquals(JsonBody.toJson(ListView.of(list)),
        JsonBody.toJson(list(Optional.empty(), Optional.of(list)).orElseThrow().data()));
    assertEquals("list.updated", list(Optional.of(list), Optional.of(renamed)).orElseThrow().type());
    assertEquals("list.updated", list(Optional.empty(), Optional.of(inbox)).orElseThrow().type());
    assertEquals("list.deleted", list(Optional.of(list), Optional.empty()).orElseThrow().type());
    assertEquals(Optional.empty(), list(Optional.empty(), Optional.empty()), "the removal of a list being deleted");
  }

  private static Optional<WebhookEvent> list(Optional<TaskList> before, Optional<TaskList> after) {
    String id = before.or(() -> after).map(TaskList::id).orElse("0195abcd-0000-7000-8000-0000000000aa");
    return WebhookEvent.of(new ItemChange.OfList(USER, id, before, after), AT);
  }
}
