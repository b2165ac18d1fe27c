package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.api.JsonBody;
import dev.taskapi.api.TaskView;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** A due is what the client wrote; only a due with a time zone is a moment, and DST changes do not move it. */
class DueTest {
  private static Due zoned(String date, String time) {
    return new Due(date, Optional.of(time), Optional.of("Europe/Berlin"));
  }

  @Test
  void nineInBerlinIsSevenUtcOnTheDaySummerTimeBeginsAndEightTheDayBefore() {
    assertEquals(Optional.of(Instant.parse("2027-03-28T07:00:00Z")), zoned("2027-03-28", "09:00").instant());
    assertEquals(Optional.of(Instant.parse("2027-03-27T08:00:00Z")), zoned("2027-03-27", "09:00").instant());
  }

  @Test
  void aTimeInTheGapTakesTheOffsetBeforeItAndARepeatedTimeItsFirstOccurrence() {
    // RFC 5545 3.3.5: 02:30 does not exist on 2027-03-28 in Berlin: read at +01:00, so 01:30Z (03:30 summer time).
    assertEquals(Optional.of(Instant.parse("2027-03-28T01:30:00Z")), zoned("2027-03-28", "02:30").instant());
    // 02:30 happens twice on 2027-10-31: the first, still at +02:00.
    assertEquals(Optional.of(Instant.parse("2027-10-31T00:30:00Z")), zoned("2027-10-31", "02:30").instant());
  }

  @Test
  void aWholeDayOrAFloatingTimeHasNoInstantAndIsWrittenAsSentInEveryZone() {
    Task task = Task.created(new TaskIds().next(0).toString(), "u", Optional.empty(),
        TestTasks.values("t", "").with(TaskFields.DUE, Optional.of(new Due("2027-03-28", Optional.empty(), Optional.empty()))));
    TimeZone before = TimeZone.getDefault();
    try {
      for (String zone : new String[] {"Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC", "Europe/Berlin"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        String json = JsonBody.toJson(TaskView.of(task));
        assertEquals(true, json.contains("\"due\":{\"date\":\"2027-03-28\"}"), zone + ": " + json);
      }
    } finally {
      TimeZone.setDefault(before);
    }
    assertEquals(Optional.empty(), new Due("2027-03-28", Optional.of("09:00"), Optional.empty()).instant());
  }

  @Test
  void aZonedDueIsWrittenAsSentWithItsInstant() {
    Task task = Task.created(new TaskIds().next(0).toString(), "u", Optional.empty(),
        TestTasks.values("t", "").with(TaskFields.DUE, Optional.of(zoned("2027-03-28", "09:00"))));

    assertEquals(true, JsonBody.toJson(TaskView.of(task)).contains(
        "\"due\":{\"date\":\"2027-03-28\",\"time\":\"09:00\",\"time_zone\":\"Europe/Berlin\",\"instant\":\"2027-03-28T07:00:00Z\"}"));
  }
}
