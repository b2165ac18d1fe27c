package dev.taskapi.schedulereminders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.ItemChange;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.Reminder;
import dev.taskapi.domain.ReminderSchedule;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskValues;
import dev.taskapi.log.FunctionLog;
import dev.taskapi.snapstart.Priming;
import dev.taskapi.store.dynamodb.PrimingSendGuard;
import dev.taskapi.store.dynamodb.StreamImages;
import dev.taskapi.store.dynamodb.StreamImages.StreamChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.crac.Resource;

/**
 * The table's stream (filtered to task items) as reminder schedules: for each write of a task, the schedules its
 * old image had and its new one has not are cancelled, and the new ones scheduled. A reminder's schedule is named by
 * the reminder and its moment ({@link ReminderSchedule}), so a due that moved, a recurrence that advanced or a time
 * zone that changed replaces it, and a completion or a deletion cancels it, with no state of our own.
 *
 * <p>A reminder is scheduled only if its moment was still to come when the task was written; one whose moment has
 * passed by the time the record is read (the stream was late) is scheduled for just after now, so it fires late
 * rather than never. Any failure fails the invocation, and Lambda retries the batch (bisected) until its records
 * expire, as for the webhook publisher.
 *
 * <p>Before a SnapStart snapshot it primes itself with two records of the priming caller's task: one that schedules
 * a reminder and one that cancels it. Its Scheduler client refuses each call once it is signed ({@link
 * PrimingSendGuard}), so the stream's parsing and both requests' paths are in the snapshot, and nothing is
 * scheduled or deleted.
 */
public final class ScheduleRemindersHandler implements RequestStreamHandler, Resource {
  private static final byte[] NO_FAILURES = "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);
  /** EventBridge Scheduler's at() counts whole seconds; a moment that has passed is scheduled this far ahead. */
  private static final Duration LATE = Duration.ofSeconds(1);
  private final ReminderScheduler scheduler;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public ScheduleRemindersHandler() {
    this(EventBridgeReminderScheduler.fromEnvironment(Environment.current()), Clock.systemUTC());
    Priming.register(this);
  }

  ScheduleRemindersHandler(ReminderScheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    int scheduled = 0;
    int cancelled = 0;
    for (StreamChange change : StreamImages.changes(JsonStreams.readTree(input))) {
      if (!(change.change() instanceof ItemChange.OfTask task)) {
        continue;
      }
      Set<ReminderSchedule> before = ReminderSchedule.of(task.before());
      Set<ReminderSchedule> after = ReminderSchedule.of(task.after());
      for (ReminderSchedule gone : before) {
        if (!after.contains(gone)) {
          scheduler.cancel(gone);
          cancelled++;
        }
      }
      for (ReminderSchedule added : after) {
        if (!before.contains(added) && added.remindAt().isAfter(change.at())) {
          scheduler.schedule(added, latest(added.remindAt(), clock.instant().plus(LATE)));
          scheduled++;
        }
      }
    }
    FunctionLog.line(context, "scheduled " + scheduled + " reminders, cancelled " + cancelled);
    output.write(NO_FAILURES);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    Priming.run(() -> {
      if (!(primed("INSERT") && primed("REMOVE"))) {
        System.err.println("WARN priming a schedule's create or delete was not refused");
      }
    });
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew.
  }

  /**
   * Handles a stream record of {@code eventName} ({@code INSERT} or {@code REMOVE}) of the priming caller's task,
   * which has a reminder far ahead; true when its Scheduler call went as far as it can without being sent. Any other
   * failure is logged: the snapshot is still valid, only colder.
   */
  boolean primed(String eventName) {
    Task task = Task.created(Priming.USER_ID, Instant.EPOCH, Priming.USER_ID,
        Placement.initial(Priming.USER_ID, Priming.USER_ID, Optional.empty()),
        TaskValues.absent()
            .with(TaskFields.TITLE, "Priming")
            .with(TaskFields.REMINDERS, List.of(Reminder.parse(Reminder.At.KIND, "2999-01-01T00:00:00Z").orElseThrow())));
    String event = StreamImages.event(eventName, task);
    try {
      handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
          null);
      return false;
    } catch (PrimingSendGuard.Refused expected) {
      return true;
    } catch (IOException | RuntimeException e) {
      System.err.println("WARN priming " + eventName + " failed: " + e.getClass().getSimpleName());
      return false;
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
