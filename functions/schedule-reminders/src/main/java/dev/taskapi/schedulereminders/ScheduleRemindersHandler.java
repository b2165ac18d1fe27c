package dev.taskapi.schedulereminders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.ItemChange;
import dev.taskapi.domain.ReminderSchedule;
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
  /** A reminder of the priming caller's task, far ahead: its schedule would be created, then cancelled. */
  private static final String PRIMING_TASK = """
      {"pk": {"S": "USER#%1$s"}, "sk": {"S": "TASK#%1$s"}, "task_id": {"S": "%1$s"}, "user_id": {"S": "%1$s"},
       "title": {"S": "Priming"}, "description": {"S": ""}, "completed": {"BOOL": false},
       "created_at": {"S": "2026-01-01T00:00:00Z"}, "updated_at": {"S": "2026-01-01T00:00:00Z"},
       "version": {"N": "1"}, "reminders": {"L": [{"M": {"at": {"S": "2999-01-01T00:00:00Z"}}}]}}\
      """.formatted(Priming.USER_ID);
  private static final String PRIMING_RECORD = """
      {"Records": [{"eventID": "priming", "eventName": "%1$s", "eventSource": "aws:dynamodb",
        "dynamodb": {"ApproximateCreationDateTime": 1767225600, "SequenceNumber": "1",
          "Keys": {"pk": {"S": "USER#%2$s"}, "sk": {"S": "TASK#%2$s"}}, "%3$s": %4$s}}]}\
      """;

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
      if (!(primed("INSERT", "NewImage") && primed("REMOVE", "OldImage"))) {
        System.err.println("WARN priming a schedule's create or delete was not refused");
      }
    });
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew.
  }

  /**
   * Handles the priming task's record of {@code eventName} with its image as {@code image}; true when its Scheduler
   * call went as far as it can without being sent. Any other failure is logged: the snapshot is still valid, only
   * colder.
   */
  boolean primed(String eventName, String image) {
    String event = PRIMING_RECORD.formatted(eventName, Priming.USER_ID, image, PRIMING_TASK);
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
