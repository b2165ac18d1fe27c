package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
  void theInitialPositionIsAnIntegerKeyOfSevenDigitsAndAFractionFromTheRestOfTheId() {
    String position = TaskPositions.initial(ids.next(Instant.parse("2081-01-01T00:00:00Z").toEpochMilli()).toString());
    assertTrue(position.length() > 8 && position.length() <= 16, position);
    assertEquals('g', position.charAt(0));
    assertTrue(TaskPositions.valid(position), position);
    assertEquals("g0000000", TaskPositions.initial("00000000-0000-7000-8000-000000000000"));
    assertEquals("g000000100100001", TaskPositions.initial("00000000-0001-7001-8000-000200000000"), "ms 1, counter 1, random 1");
  }

  @Test
  void tasksCreatedInOneMillisecondHaveDistinctInitialPositionsInCreationOrder() {
    long millis = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();
    List<String> positions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      positions.add(TaskPositions.initial(ids.next(millis).toString()));
    }
    List<String> sorted = new ArrayList<>(positions);
    sorted.sort(null);
    assertEquals(sorted, positions);
    assertEquals(100, positions.stream().distinct().count());
    assertTrue(TaskPositions.between(positions.get(0), positions.get(1)).compareTo(positions.get(1)) < 0,
        "a key fits between two tasks of the same millisecond");
  }

  /** The reference implementation's own examples (rocicorp/fractional-indexing README and tests). */
  @Test
  void betweenGivesTheReferenceImplementationsKeys() {
    assertEquals("a0", TaskPositions.between(null, null));
    assertEquals("a1", TaskPositions.between("a0", null));
    assertEquals("a2", TaskPositions.between("a1", null));
    assertEquals("Zz", TaskPositions.between(null, "a0"));
    assertEquals("a1V", TaskPositions.between("a1", "a2"));
    assertEquals("a0V", TaskPositions.between("a0", "a1"));
    assertEquals("b00", TaskPositions.between("az", null));
    assertEquals("Zy", TaskPositions.between(null, "Zz"));
    assertEquals("a1", TaskPositions.between("a0", "a1V"));
    assertEquals("Yzz", TaskPositions.between(null, "Z0"));
    assertEquals("a0G", TaskPositions.between("a0", "a0V"));
    assertThrows(IllegalArgumentException.class, () -> TaskPositions.between("a1", "a0"), "out of order");
    assertThrows(IllegalArgumentException.class, () -> TaskPositions.between("a1", "a1"), "equal");
    assertThrows(IllegalArgumentException.class, () -> TaskPositions.between("a10", null), "a fraction ending in 0");
    assertThrows(IllegalArgumentException.class, () -> TaskPositions.between("0", null), "no valid head");
  }

  @Test
  void initialPositionsAreKeysBetweenWhichAndAroundWhichKeysCanBeMade() {
    String early = TaskPositions.initial(ids.next(Instant.parse("2026-12-06T10:00:00Z").toEpochMilli()).toString());
    String late = TaskPositions.initial(ids.next(Instant.parse("2026-12-06T10:00:00.001Z").toEpochMilli()).toString());
    String middle = TaskPositions.between(early, late);
    assertTrue(early.compareTo(middle) < 0 && middle.compareTo(late) < 0, early + " < " + middle + " < " + late);
    assertTrue(TaskPositions.between(null, early).compareTo(early) < 0);
    assertTrue(TaskPositions.between(late, null).compareTo(late) > 0);
    assertEquals(8, TaskPositions.between(late, null).length(), "appending steps the integer: no growth");
  }

  /**
   * Property: thousands of inserts at random places (first, last, between random neighbours) keep every key
   * valid, distinct and in the order of insertion's intent; and the keys stay short: the longest grows by about one
   * digit per halving of a gap, so it is far below DynamoDB's 1 KiB sort key limit after 2,000 moves.
   */
  @Test
  void randomInsertsKeepTheOrderAndTheKeysShort() {
    Random random = new Random(22);
    List<String> keys = new ArrayList<>();
    keys.add(TaskPositions.initial(ids.next(Instant.parse("2026-12-06T10:00:00Z").toEpochMilli()).toString()));
    for (int i = 0; i < 2_000; i++) {
      int at = random.nextInt(keys.size() + 1); // the new key goes at index `at`
      String before = at == 0 ? null : keys.get(at - 1);
      String after = at == keys.size() ? null : keys.get(at);
      String key = TaskPositions.between(before, after);
      assertTrue(TaskPositions.valid(key), key);
      assertTrue(before == null || before.compareTo(key) < 0, before + " < " + key);
      assertTrue(after == null || key.compareTo(after) < 0, key + " < " + after);
      keys.add(at, key);
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(null);
    assertEquals(sorted, keys, "string order is the order of the inserts");
    assertEquals(keys.size(), keys.stream().distinct().count());
    int longest = keys.stream().mapToInt(String::length).max().orElseThrow();
    assertTrue(longest <= 16, "longest key: " + longest);
  }

  @Test
  void insertingAlwaysRightAfterTheSameTaskGrowsKeysByAboutOneDigitPerSixMoves() {
    String anchor = "a0";
    String next = "a1";
    for (int i = 0; i < 60; i++) {
      next = TaskPositions.between(anchor, next); // the worst case: always into the same, halving, gap
    }
    assertTrue(next.length() <= 2 + 60 / 5, next + " (" + next.length() + ")");
  }
}
