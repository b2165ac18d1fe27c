package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.api.Json;
import dev.taskapi.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReminderScheduleTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Reminder QUARTER_HOUR = new Reminder.Before("PT15M", Duration.ofMinutes(15));

  private static Task task(String date, String zone, boolean completed) {
    return TestTasks.task("0195abcd-0000-7000-8000-000000000001", "u-1", "t", "").apply(TaskChanges.none()
        .set(TaskFields.DUE, Optional.of(new Due(date, Optional.of("09:00"), Optional.of(zone))))
        .set(TaskFields.REMINDERS, List.of(QUARTER_HOUR))
        .set(TaskFields.COMPLETED, completed), NOW);
  }

  @Test
  void aScheduleIsNamedByItsReminderAndMomentInSchedulersAlphabet() {
    ReminderSchedule berlin = ReminderSchedule.of(Optional.of(task("2026-12-24", "Europe/Berlin", false)))
        .iterator().next();
    assertEquals(Instant.parse("2026-12-24T07:45:00Z"), berlin.remindAt());
    assertTrue(berlin.name().matches("[0-9a-zA-Z\\-_.]{1,64}"), berlin.name());
    assertEquals(berlin.name(), ReminderSchedule.of(Optional.of(task("2026-12-24", "Europe/Berlin", false)))
        .iterator().next().name(), "the same reminder at the same moment: the same schedule");
    ReminderSchedule lisbon = ReminderSchedule.of(Optional.of(task("2026-12-24", "Europe/Lisbon", false)))
        .iterator().next();
    assertNotEquals(berlin.name(), lisbon.name(), "another zone is another moment");
  }

  @Test
  void aCompletedOrAbsentTaskHasNoSchedules() {
    assertEquals(Set.of(), ReminderSchedule.of(Optional.of(task("2026-12-24", "Europe/Berlin", true))));
    assertEquals(Set.of(), ReminderSchedule.of(Optional.empty()));
  }

  @Test
  void theInputReadsBackAsTheSchedule() throws Exception {
    ReminderSchedule schedule = new ReminderSchedule("u-1", "t-1",
        new Reminder.At("2026-12-24T08:45:00+01:00", Instant.parse("2026-12-24T07:45:00Z")),
        Instant.parse("2026-12-24T07:45:00Z"));
    assertEquals("{\"user_id\":\"u-1\",\"task_id\":\"t-1\",\"reminder\":{\"at\":\"2026-12-24T08:45:00+01:00\"},"
        + "\"remind_at\":\"2026-12-24T07:45:00Z\"}", schedule.toJson());
    assertEquals(schedule, ReminderSchedule.fromJson(Json.MAPPER.readTree(schedule.toJson())));
    assertThrows(IllegalArgumentException.class, () -> ReminderSchedule.fromJson(Json.MAPPER.readTree("{}")));
  }
}
