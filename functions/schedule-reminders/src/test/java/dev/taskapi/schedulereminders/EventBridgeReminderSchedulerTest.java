package dev.taskapi.schedulereminders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBridgeReminderSchedulerTest {
  @Test
  void aMomentWithinASecondIsScheduledAtTheNextWholeSecondNeverBefore() {
    assertEquals(Instant.parse("2026-12-24T07:45:00Z"),
        EventBridgeReminderScheduler.wholeSecondFrom(Instant.parse("2026-12-24T07:45:00Z")));
    assertEquals(Instant.parse("2026-12-24T07:45:01Z"),
        EventBridgeReminderScheduler.wholeSecondFrom(Instant.parse("2026-12-24T07:45:00.001Z")));
  }
}
