package dev.taskapi.schedulereminders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.domain.ReminderSchedule;
import dev.taskapi.testing.CapturingContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream records of task writes in; the schedules created and deleted out. */
class ScheduleRemindersHandlerTest {
  private static final String TASK = "0195abcd-0000-7000-8000-000000000001";
  private static final String KEYS = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"TASK#" + TASK + "\"}}";
  /** The records' ApproximateCreationDateTime: 2026-12-01T00:00:00Z. */
  private static final long WRITTEN = 1796083200L;

  private final List<String> calls = new ArrayList<>();
  private final ReminderScheduler scheduler = new ReminderScheduler() {
    @Override
    public void schedule(ReminderSchedule schedule, Instant at) {
      calls.add("schedule " + schedule.reminder().text() + " at " + at);
    }

    @Override
    public void cancel(ReminderSchedule schedule) {
      calls.add("cancel " + schedule.reminder().text() + " of " + schedule.remindAt());
    }
  };

  private static String item(String due, String reminders, boolean completed) {
    return "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"TASK#" + TASK + "\"},"
        + "\"task_id\":{\"S\":\"" + TASK + "\"},\"user_id\":{\"S\":\"u-1\"},\"title\":{\"S\":\"Call\"},"
        + "\"description\":{\"S\":\"\"},\"completed\":{\"BOOL\":" + completed + "},"
        + "\"created_at\":{\"S\":\"2026-11-30T09:00:00Z\"},\"updated_at\":{\"S\":\"2026-11-30T09:00:00Z\"},"
        + "\"due\":{\"M\":{\"date\":{\"S\":\"" + due + "\"},\"time\":{\"S\":\"09:00\"},"
        + "\"time_zone\":{\"S\":\"Europe/Berlin\"}}},\"reminders\":{\"L\":[" + reminders + "]}}";
  }

  private static String before(String duration) {
    return "{\"M\":{\"before\":{\"S\":\"" + duration + "\"}}}";
  }

  private static String at(String moment) {
    return "{\"M\":{\"at\":{\"S\":\"" + moment + "\"}}}";
  }

  private static String record(String name, String oldImage, String newImage) {
    return "{\"eventID\":\"e1\",\"eventName\":\"" + name + "\",\"eventSource\":\"aws:dynamodb\","
        + "\"dynamodb\":{\"ApproximateCreationDateTime\":" + WRITTEN + ",\"Keys\":" + KEYS
        + (oldImage == null ? "" : ",\"OldImage\":" + oldImage) + (newImage == null ? "" : ",\"NewImage\":" + newImage)
        + ",\"SequenceNumber\":\"1\",\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}";
  }

  private List<String> handle(Instant now, String... records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ScheduleRemindersHandler(scheduler, Clock.fixed(now, ZoneOffset.UTC)).handleRequest(
        new ByteArrayInputStream(("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8)),
        out, new CapturingContext());
    assertEquals("{\"batchItemFailures\":[]}", out.toString(StandardCharsets.UTF_8));
    return calls;
  }

  private static final Instant SOON = Instant.parse("2026-12-01T00:00:02Z");

  @Test
  void aNewTasksRemindersAreScheduledAtTheirMoments() throws Exception {
    assertEquals(List.of("schedule PT15M at 2026-12-24T07:45:00Z", "schedule 2026-12-20T10:00:00Z at 2026-12-20T10:00:00Z"),
        handle(SOON, record("INSERT", null, item("2026-12-24", before("PT15M") + "," + at("2026-12-20T10:00:00Z"), false))));
  }

  @Test
  void aMovedDueReplacesTheScheduleOfABeforeAndLeavesAnAt() throws Exception {
    String reminders = before("PT15M") + "," + at("2026-12-20T10:00:00Z");
    assertEquals(List.of("cancel PT15M of 2026-12-24T07:45:00Z", "schedule PT15M at 2026-12-25T07:45:00Z"),
        handle(SOON, record("MODIFY", item("2026-12-24", reminders, false), item("2026-12-25", reminders, false))));
  }

  @Test
  void aCompletionOrADeletionCancelsAndAReopeningSchedulesAgain() throws Exception {
    String open = item("2026-12-24", before("PT15M"), false);
    String done = item("2026-12-24", before("PT15M"), true);
    assertEquals(List.of("cancel PT15M of 2026-12-24T07:45:00Z", "schedule PT15M at 2026-12-24T07:45:00Z",
            "cancel PT15M of 2026-12-24T07:45:00Z"),
        handle(SOON, record("MODIFY", open, done), record("MODIFY", done, open), record("REMOVE", open, null)));
  }

  @Test
  void aMomentThatHadPassedWhenWrittenNeverFiresAndOneTheStreamMadeLateFiresJustAfterNow() throws Exception {
    String past = at("2026-11-30T23:00:00Z");
    String justAfterTheWrite = at("2026-12-01T00:00:01Z");
    assertEquals(List.of("schedule 2026-12-01T00:00:01Z at 2026-12-01T00:00:31Z"),
        handle(Instant.parse("2026-12-01T00:00:30Z"),
            record("INSERT", null, item("2026-12-24", past + "," + justAfterTheWrite, false))));
  }

  @Test
  void anEditThatLeavesTheRemindersAsTheyWereSchedulesNothing() throws Exception {
    String task = item("2026-12-24", before("PT15M"), false);
    assertEquals(List.of(), handle(SOON, record("MODIFY", task, task.replace("\"Call\"", "\"Call Bea\""))));
  }
}
