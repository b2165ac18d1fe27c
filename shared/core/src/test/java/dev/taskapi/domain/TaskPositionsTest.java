package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskPositionsTest {
  private final TaskIds ids = new TaskIds();

  @Test
  void aLaterTaskSortsAfterAnEarlierOneByItsInitialPosition() {
    String earlier = TaskPositions.initial(ids.next(Instant.parse("2026-12-06T10:00:00Z").toEpochMilli()).toString());
    String later = TaskPositions.initial(ids.next(Instant.parse("2026-12-06T10:00:00.001Z").toEpochMilli()).toString());
    assertTrue(earlier.compareTo(later) < 0, earlier + " < " + later);
  }

  @Test
  void theInitialPositionIsAnIntegerKeyOfSevenDigits() {
    String position = TaskPositions.initial(ids.next(Instant.parse("2081-01-01T00:00:00Z").toEpochMilli()).toString());
    assertEquals(8, position.length());
    assertEquals('g', position.charAt(0));
    assertEquals("g0000000", TaskPositions.initial(new TaskIds().next(0).toString()));
  }
}
