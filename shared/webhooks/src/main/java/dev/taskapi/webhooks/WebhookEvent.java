package dev.taskapi.webhooks;

import dev.taskapi.api.JsonBody;
import dev.taskapi.api.ListView;
import dev.taskapi.api.TaskView;
import dev.taskapi.domain.ItemChange;
import dev.taskapi.domain.ReminderSchedule;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskList;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event a webhook may subscribe to ({@link dev.taskapi.domain.WebhookEvents}): its type, when it happened, and
 * its {@code data}: the object as its route returns it ({@link TaskView}, {@link ListView}), or {@code {"uuid"}}
 * when it was deleted.
 */
public record WebhookEvent(String type, Instant occurredAt, JsonBody data) {
  public WebhookEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(data, "data");
  }

  /**
   * The event one write of a task or list is, at {@code at} (the stream record's time: a deletion's, since a
   * deleted object has no time of its own), or none when the write changed nothing its route shows (an index
   * backfill, a deletion's marking of a list already being deleted).
   *
   * <ul>
   *   <li>A task created: {@code task.created}. Deleted: {@code task.deleted}.
   *   <li>Changed so that it is completed now and was not, or a recurring task's completion that advanced it to
   *       its next occurrence (its {@code last_completed_at} moved): {@code task.completed}. Any other visible
   *       change, a move included: {@code task.updated}.
   *   <li>A list created: {@code list.created}, but the default list's first write, a rename of a list that
   *       always existed: {@code list.updated}. A list whose deletion began (it reads as absent from then on):
   *       {@code list.deleted}, once: the item's removal after it is no second event.
   * </ul>
   */
  public static Optional<WebhookEvent> of(ItemChange change, Instant at) {
    return switch (change) {
      case ItemChange.OfTask task -> ofTask(task, at);
      case ItemChange.OfList list -> ofList(list, at);
    };
  }

  private static Optional<WebhookEvent> ofTask(ItemChange.OfTask change, Instant at) {
    if (change.after().isEmpty()) {
      return change.before().map(gone -> deleted("task.deleted", change.taskId(), at));
    }
    Task after = change.after().get();
    if (change.before().isEmpty()) {
      return Optional.of(new WebhookEvent("task.created", after.updatedAt(), TaskView.of(after)));
    }
    Task before = change.before().get();
    if (completedBy(before, after)) {
      return Optional.of(new WebhookEvent("task.completed", after.updatedAt(), TaskView.of(after)));
    }
    if (JsonBody.toJson(TaskView.of(before)).equals(JsonBody.toJson(TaskView.of(after)))) {
      return Optional.empty();
    }
    return Optional.of(new WebhookEvent("task.updated", after.updatedAt(), TaskView.of(after)));
  }

  private static boolean completedBy(Task before, Task after) {
    boolean completedNow = after.completed() && !before.completed();
    boolean advanced = after.get(TaskFields.LAST_COMPLETED_AT).isPresent()
        && !after.get(TaskFields.LAST_COMPLETED_AT)
            .equals(before.get(TaskFields.LAST_COMPLETED_AT));
    return completedNow || advanced;
  }

  private static Optional<WebhookEvent> ofList(ItemChange.OfList change, Instant at) {
    if (change.after().isEmpty()) {
      return change.before().map(gone -> deleted("list.deleted", change.listId(), at));
    }
    TaskList after = change.after().get();
    if (change.before().isEmpty()) {
      String type = after.isDefault() ? "list.updated" : "list.created";
      return Optional.of(new WebhookEvent(type, after.updatedAt(), ListView.of(after)));
    }
    if (ListView.of(change.before().get()).equals(ListView.of(after))) {
      return Optional.empty();
    }
    return Optional.of(new WebhookEvent("list.updated", after.updatedAt(), ListView.of(after)));
  }

  /**
   * {@code reminder.fired}: the reminder of {@code schedule}, at its moment (the event's timestamp, the same on every
   * retry), with the task as {@code GET /tasks/{task_id}} returns it: {@code {"reminder": {"before" | "at"},
   * "remind_at", "task"}}.
   */
  public static WebhookEvent reminderFired(ReminderSchedule schedule, Task task) {
    return new WebhookEvent("reminder.fired", schedule.remindAt(), json -> {
      json.writeStartObject();
      json.writeObjectFieldStart("reminder");
      json.writeStringField(schedule.reminder().kind(), schedule.reminder().text());
      json.writeEndObject();
      json.writeStringField("remind_at", schedule.remindAt().toString());
      JsonBody.writeField(json, "task", TaskView.of(task));
      json.writeEndObject();
    });
  }

  private static WebhookEvent deleted(String type, String id, Instant at) {
    return new WebhookEvent(type, at, json -> {
      json.writeStartObject();
      json.writeStringField("uuid", id);
      json.writeEndObject();
    });
  }

  /** This event as the message for one webhook, with the id {@code messageId} that every retry of it carries. */
  public WebhookMessage message(String messageId) {
    return WebhookMessage.event(messageId, type, occurredAt, data);
  }
}
