package dev.taskapi.firereminder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.ReminderSchedule;
import dev.taskapi.domain.Task;
import dev.taskapi.log.FunctionLog;
import dev.taskapi.services.Services;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.WebhookStore;
import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.DeliveryQueue;
import dev.taskapi.webhooks.WebhookEvent;
import dev.taskapi.webhooks.sqs.SqsDeliveryQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The target of every reminder's schedule: EventBridge Scheduler invokes it at the reminder's moment with the
 * schedule's input ({@link ReminderSchedule#toJson}). It sends {@code reminder.fired} to each of the owner's
 * webhooks that subscribe to it, through the webhook delivery queue (signed, retried, dead-lettered as every
 * event), under an id derived from the schedule's name, so a retried invocation repeats the same {@code
 * webhook-id}.
 *
 * <p>It fires only a reminder the task still has at that moment: a schedule whose cancellation had not yet run
 * when it fired (the task was completed, deleted or rescheduled a moment before) finds its reminder gone and sends
 * nothing. A failure (the table or the queue unreachable) fails the invocation, and the schedule's retry policy
 * invokes it again.
 */
public final class FireReminderHandler implements RequestStreamHandler {
  private final TaskStore tasks;
  private final WebhookStore webhooks;
  private final DeliveryQueue queue;

  /** Lambda's entry point: production wiring from the function's environment. */
  public FireReminderHandler() {
    Services services = Services.fromEnvironment();
    this(services.taskStore(), services.webhookStore(), SqsDeliveryQueue.fromEnvironment(Environment.current()));
  }

  public FireReminderHandler(TaskStore tasks, WebhookStore webhooks, DeliveryQueue queue) {
    this.tasks = tasks;
    this.webhooks = webhooks;
    this.queue = queue;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    ReminderSchedule schedule = ReminderSchedule.fromJson(JsonStreams.readTree(input));
    Optional<Task> task = tasks.find(schedule.userId(), schedule.taskId());
    if (!ReminderSchedule.of(task).contains(schedule)) {
      FunctionLog.line(context, "reminder " + schedule.name() + " is no longer the task's: nothing sent");
      return;
    }
    List<Delivery> deliveries = Delivery.toSubscribers(schedule.userId(), webhooks.all(schedule.userId()),
        schedule.name(), WebhookEvent.reminderFired(schedule, task.get()));
    queue.send(deliveries);
    FunctionLog.line(context, "reminder " + schedule.name() + " fired: " + deliveries.size() + " deliveries");
  }
}
