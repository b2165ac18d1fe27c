package dev.taskapi.firereminder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.Due;
import dev.taskapi.domain.Reminder;
import dev.taskapi.domain.ReminderSchedule;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.Webhook;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.testing.TestTasks;
import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.testing.RecordingDeliveryQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A schedule's input in, reminder.fired deliveries to the owner's subscribed webhooks out, while it is current. */
class FireReminderHandlerTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final String TASK = "0195abcd-0000-7000-8000-000000000001";

  private final InMemoryTaskStore tasks = new InMemoryTaskStore();
  private final InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
  private final RecordingDeliveryQueue queue = new RecordingDeliveryQueue();
  private final List<Delivery> queued = queue.queued();

  private Task taskWithReminder() {
    Task task = TestTasks.task(TASK, "u-1", "Call the bakery", "");
    task = task.apply(TaskChanges.none()
        .set(TaskFields.DUE, Optional.of(new Due("2026-12-24", Optional.of("09:00"), Optional.of("Europe/Berlin"))))
        .set(TaskFields.REMINDERS, List.of(new Reminder.Before("PT15M", Duration.ofMinutes(15)))), NOW);
    tasks.create(task);
    return task;
  }

  private void webhook(String id, List<String> events) {
    webhooks.create(Webhook.registered(id, "u-1", "https://hooks.example.com/" + id, events, Optional.empty(),
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", NOW), "u-1@example.com");
  }

  private void fire(ReminderSchedule schedule) throws Exception {
    new FireReminderHandler(tasks, webhooks, queue).handleRequest(
        new ByteArrayInputStream(schedule.toJson().getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
        new CapturingContext());
  }

  @Test
  void aCurrentReminderGoesToEachWebhookThatSubscribesToIt() throws Exception {
    ReminderSchedule schedule = ReminderSchedule.of(Optional.of(taskWithReminder())).iterator().next();
    webhook("reminders", List.of("reminder.fired"));
    webhook("tasks-only", List.of("task.created"));

    fire(schedule);
    fire(schedule); // the schedule's retry policy invoked it again

    assertEquals(List.of("reminders", "reminders"), queued.stream().map(Delivery::webhookId).toList());
    assertEquals(queued.get(0).message().id(), queued.get(1).message().id(), "one event, one webhook-id");
    String body = queued.get(0).message().body();
    assertTrue(body.startsWith("{\"type\":\"reminder.fired\",\"timestamp\":\"2026-12-24T07:45:00Z\",\"data\":"
        + "{\"reminder\":{\"before\":\"PT15M\"},\"remind_at\":\"2026-12-24T07:45:00Z\",\"task\":{\"uuid\":\""
        + TASK + "\""), body);
  }

  @Test
  void aReminderTheTaskNoLongerHasAtThatMomentSendsNothing() throws Exception {
    Task task = taskWithReminder();
    ReminderSchedule schedule = ReminderSchedule.of(Optional.of(task)).iterator().next();
    webhook("reminders", List.of("reminder.fired"));

    tasks.update("u-1", TASK, TaskChanges.none().set(TaskFields.DUE,
        Optional.of(new Due("2026-12-25", Optional.of("09:00"), Optional.of("Europe/Berlin")))), Optional.empty(), NOW);
    fire(schedule);
    tasks.update("u-1", TASK, TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(), NOW);
    fire(ReminderSchedule.of(Optional.of(task.apply(TaskChanges.none().set(TaskFields.DUE,
        Optional.of(new Due("2026-12-25", Optional.of("09:00"), Optional.of("Europe/Berlin")))), NOW)))
        .iterator().next());
    tasks.delete("u-1", TASK);
    fire(schedule);

    assertEquals(List.of(), queued, "moved, then completed, then deleted: each time stale");
  }

  @Test
  void aQueueThatRefusesFailsTheInvocationSoTheScheduleRetries() {
    ReminderSchedule schedule = ReminderSchedule.of(Optional.of(taskWithReminder())).iterator().next();
    webhook("reminders", List.of("reminder.fired"));
    queue.refuseEverySend();

    assertThrows(IllegalStateException.class, () -> fire(schedule));
  }
}
