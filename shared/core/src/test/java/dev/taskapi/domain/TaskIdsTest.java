package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdsTest {
  private static final long MILLIS = 1_741_064_767_089L; // 2025-03-04T05:06:07.089Z

  @Test
  void idsAreVersion7WithTheRfcVariant() {
    TaskIds ids = new TaskIds();
    for (int i = 0; i < 1000; i++) {
      UUID id = ids.next(MILLIS + i / 10);
      assertEquals(7, id.version(), id.toString());
      assertEquals(2, id.variant(), id.toString()); // RFC 4122/9562 variant: bits 10
      assertEquals('7', id.toString().charAt(14));
      assertTrue("89ab".indexOf(id.toString().charAt(19)) >= 0, id.toString());
    }
  }

  @Test
  void firstIdCarriesTheGivenMillisecond() {
    for (long millis : List.of(0L, 1L, MILLIS, (1L << 48) - 1)) {
      UUID id = new TaskIds().next(millis);
      assertEquals(millis, TaskIds.epochMillis(id));
      assertEquals(7, id.version());
    }
  }

  @Test
  void timestampIsTheLeading48Bits() {
    UUID id = new TaskIds().next(MILLIS);
    assertEquals(String.format("%012x", MILLIS), id.toString().replace("-", "").substring(0, 12));
  }

  @Test
  void tenThousandIdsInOneMillisecondAreStrictlyIncreasingStrings() {
    TaskIds ids = new TaskIds();
    String previous = "";
    Set<String> seen = new HashSet<>();
    long lastMillis = MILLIS;
    for (int i = 0; i < 10_000; i++) {
      UUID id = ids.next(MILLIS);
      String text = id.toString();
      assertTrue(text.compareTo(previous) > 0, previous + " then " + text + " at " + i);
      assertTrue(seen.add(text));
      long millis = TaskIds.epochMillis(id);
      assertTrue(millis >= lastMillis, "the embedded time never goes back");
      lastMillis = millis;
      previous = text;
    }
    // 12 bits of counter per millisecond: 10,000 ids borrow only a few milliseconds.
    assertTrue(lastMillis > MILLIS && lastMillis - MILLIS < 10, "borrowed " + (lastMillis - MILLIS) + " ms");
  }

  @Test
  void idsAcrossMillisecondsAreStrictlyIncreasingStrings() {
    TaskIds ids = new TaskIds();
    String previous = "";
    for (int i = 0; i < 10_000; i++) {
      String text = ids.next(MILLIS + i / 3).toString();
      assertTrue(text.compareTo(previous) > 0, previous + " then " + text);
      previous = text;
    }
  }

  @Test
  void idsStayIncreasingWhenTheClockGoesBack() {
    TaskIds ids = new TaskIds();
    UUID first = ids.next(MILLIS);
    UUID second = ids.next(MILLIS - 5_000);
    assertTrue(second.toString().compareTo(first.toString()) > 0);
    assertTrue(TaskIds.epochMillis(second) >= MILLIS);
  }

  @Test
  void epochMillisRoundTrip() {
    TaskIds ids = new TaskIds();
    for (long millis = MILLIS; millis < MILLIS + 1000; millis += 7) {
      assertEquals(millis, TaskIds.epochMillis(ids.next(millis)));
    }
  }

  @Test
  void canonicalAcceptsLowerAndUpperCaseAndReturnsLowerCase() {
    String id = new TaskIds().next(MILLIS).toString();
    assertEquals(id, TaskIds.canonical(id));
    assertEquals(id, TaskIds.canonical(id.toUpperCase()));
    assertEquals("0195ABCD-0000-7000-8000-00000000ABCD".toLowerCase(), TaskIds.canonical("0195ABCD-0000-7000-8000-00000000ABCD"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "1-1-1-1-1",
        "01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b0", // 37 chars
        "01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5", // 35 chars
        "01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5g", // non-hex
        "01956a3c1b2d7e4f8a9b0c1d2e3f4a5b", // no hyphens
        "{01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b}",
        " 01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b",
        "01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b\n",
        "01956a3c_1b2d_7e4f_8a9b_0c1d2e3f4a5b",
        "0x956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b",
        "０1956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b", // full-width digit
        "../../etc/passwd"
      })
  void canonicalRejectsEverythingElse(String candidate) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> TaskIds.canonical(candidate));
    assertEquals(List.of(new InvalidRequestException.FieldError("task_id", "must be a UUID")), e.fieldErrors());
  }
}
