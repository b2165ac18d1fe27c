package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Completing a recurring task advances it to its next occurrence, counted by the rule library in the due's own
 * kind of time; a series that has run out completes for good.
 */
class RecurringCompletionTest {
  private static final Instant NOW = Instant.parse("2027-03-23T15:00:00Z");
  private static final TaskChanges COMPLETE = TaskChanges.none().set(TaskFields.COMPLETED, true);

  private static Due zoned(String date, String time, String zone) {
    return new Due(date, Optional.of(time), Optional.of(zone));
  }

  private static Due floating(String date, String time) {
    return new Due(date, Optional.of(time), Optional.empty());
  }

  private static Due day(String date) {
    return new Due(date, Optional.empty(), Optional.empty());
  }

  private static TaskValues recurring(Due due, String rule, Recurrence.From from) {
    return TestTasks.values("water the plants", "")
        .with(TaskFields.DUE, Optional.of(due))
        .with(TaskFields.RECURRENCE, Optional.of(new Recurrence(rule, from, 0)));
  }

  private static TaskValues completed(TaskValues values, Instant at) {
    return values.apply(RecurringCompletion.written(values, COMPLETE, at).at(at));
  }

  @Test
  void aWeeklyNineInBerlinStaysNineAcrossTheStartOfSummerTimeAndItsInstantMovesAnHourLess() {
    TaskValues before = recurring(zoned("2027-03-22", "09:00", "Europe/Berlin"), "FREQ=WEEKLY", Recurrence.From.DUE);
    TaskValues after = completed(before, NOW);
    Due due = after.get(TaskFields.DUE).orElseThrow();
    assertEquals(zoned("2027-03-29", "09:00", "Europe/Berlin"), due);
    assertEquals(Optional.of(Instant.parse("2027-03-29T07:00:00Z")), due.instant()); // 08:00Z the week before
    assertEquals(false, after.get(TaskFields.COMPLETED));
    assertEquals(Optional.empty(), after.get(TaskFields.COMPLETED_AT));
    assertEquals(Optional.of(NOW), after.get(TaskFields.LAST_COMPLETED_AT));
  }

  @Test
  void aFloatingTimeStaysFloatingAndKeepsItsTextAsWritten() {
    TaskValues after = completed(recurring(floating("2027-03-27", "07:30:15"), "FREQ=DAILY", Recurrence.From.DUE), NOW);
    assertEquals(Optional.of(floating("2027-03-28", "07:30:15")), after.get(TaskFields.DUE));
  }

  @Test
  void aDateOnlyDueStaysADateAndByDayPicksTheNextNamedDay() {
    // 2027-03-24 is a Wednesday: the next of Monday and Friday after it is Friday, then Monday.
    TaskValues once = completed(recurring(day("2027-03-24"), "FREQ=WEEKLY;BYDAY=MO,FR", Recurrence.From.DUE), NOW);
    assertEquals(Optional.of(day("2027-03-26")), once.get(TaskFields.DUE));
    assertEquals(Optional.of(day("2027-03-29")), completed(once, NOW).get(TaskFields.DUE));
  }

  @Test
  void monthlyOnTheLastDayFollowsTheMonthsLengths() {
    TaskValues after = completed(recurring(day("2027-01-31"), "FREQ=MONTHLY;BYMONTHDAY=-1", Recurrence.From.DUE), NOW);
    assertEquals(Optional.of(day("2027-02-28")), after.get(TaskFields.DUE));
  }

  @Test
  void fromCompletionCountsFromTheDayOfTheCompletionInTheDuesZoneAtTheDuesTime() {
    // Due on the 1st, completed late on the 23rd (already the 24th in Tokyo): three days later, at the due's time.
    TaskValues before =
        recurring(zoned("2027-03-01", "08:00", "Asia/Tokyo"), "FREQ=DAILY;INTERVAL=3", Recurrence.From.COMPLETION);
    assertEquals(Optional.of(zoned("2027-03-27", "08:00", "Asia/Tokyo")), completed(before, NOW).get(TaskFields.DUE));
    TaskValues fromDue = recurring(zoned("2027-03-01", "08:00", "Asia/Tokyo"), "FREQ=DAILY;INTERVAL=3", Recurrence.From.DUE);
    assertEquals(Optional.of(zoned("2027-03-04", "08:00", "Asia/Tokyo")), completed(fromDue, NOW).get(TaskFields.DUE));
  }

  @Test
  void aCountOfThreeIsTheDueAndTwoMoreOccurrencesThenTheTaskCompletesForGood() {
    TaskValues first = recurring(day("2027-03-01"), "FREQ=DAILY;COUNT=3", Recurrence.From.DUE);
    TaskValues second = completed(first, NOW);
    TaskValues third = completed(second, NOW);
    assertEquals(Optional.of(day("2027-03-03")), third.get(TaskFields.DUE));
    assertEquals(false, third.get(TaskFields.COMPLETED));
    TaskValues done = completed(third, NOW);
    assertEquals(true, done.get(TaskFields.COMPLETED));
    assertEquals(Optional.of(NOW), done.get(TaskFields.COMPLETED_AT));
    assertEquals(Optional.of(NOW), done.get(TaskFields.LAST_COMPLETED_AT));
    assertEquals(Optional.of(day("2027-03-03")), done.get(TaskFields.DUE));
  }

  @Test
  void settingTheRuleAgainStartsANewSeriesFromTheCurrentDue() {
    TaskValues twice = completed(completed(recurring(day("2027-03-01"), "FREQ=DAILY;COUNT=3", Recurrence.From.DUE), NOW), NOW);
    TaskValues reset = twice.apply(TaskChanges.none().set(TaskFields.RECURRENCE,
        Optional.of(new Recurrence("FREQ=DAILY;COUNT=3", Recurrence.From.DUE, 0))));
    assertEquals(false, completed(reset, NOW).get(TaskFields.COMPLETED));
    assertEquals(Optional.of(day("2027-03-04")), completed(reset, NOW).get(TaskFields.DUE));
  }

  @Test
  void anUntilThatHasPassedCompletesTheTaskForGood() {
    TaskValues zonedUntil =
        recurring(zoned("2027-03-22", "09:00", "Europe/Berlin"), "FREQ=WEEKLY;UNTIL=20270325T000000Z", Recurrence.From.DUE);
    assertEquals(true, completed(zonedUntil, NOW).get(TaskFields.COMPLETED));
    TaskValues dateUntil = recurring(day("2027-03-22"), "FREQ=DAILY;UNTIL=20270323", Recurrence.From.DUE);
    TaskValues once = completed(dateUntil, NOW);
    assertEquals(Optional.of(day("2027-03-23")), once.get(TaskFields.DUE));
    assertEquals(true, completed(once, NOW).get(TaskFields.COMPLETED));
  }

  @Test
  void aTaskWithoutARecurrenceIsCompletedAsBeforeWithTheSameChanges() {
    TaskValues plain = TestTasks.values("t", "").with(TaskFields.DUE, Optional.of(day("2027-03-01")));
    assertSame(COMPLETE, RecurringCompletion.written(plain, COMPLETE, NOW));
  }

  @Test
  void clearingTheDueOfARecurringTaskOrARuleWithoutADueIsRefused() {
    TaskValues recurring = recurring(day("2027-03-01"), "FREQ=DAILY", Recurrence.From.DUE);
    InvalidRequestException cleared = assertThrows(InvalidRequestException.class,
        () -> RecurringCompletion.written(recurring, TaskChanges.none().clear(TaskFields.DUE), NOW));
    assertEquals(List.of(new FieldError("due", "is required while the task has a recurrence")), cleared.fieldErrors());
    TaskValues noDue = TestTasks.values("t", "");
    assertThrows(InvalidRequestException.class, () -> RecurringCompletion.written(noDue,
        TaskChanges.none().set(TaskFields.RECURRENCE, Optional.of(new Recurrence("FREQ=DAILY", Recurrence.From.DUE, 0))),
        NOW));
    // Clearing both together is fine.
    RecurringCompletion.written(recurring, TaskChanges.none().clear(TaskFields.DUE).clear(TaskFields.RECURRENCE), NOW);
  }

  @Test
  void aDateOnlyDueRefusesAnHourlyRule() {
    TaskValues hourly = recurring(day("2027-03-01"), "FREQ=HOURLY", Recurrence.From.DUE);
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> RecurringCompletion.written(hourly, COMPLETE, NOW));
    assertEquals("recurrence.rule", e.fieldErrors().getFirst().name());
  }

  @Test
  void anUntilOfAnotherKindThanTheDueOrARuleWithoutOccurrencesIsRefusedBeforeAnythingIsWritten() {
    for (TaskValues values : List.of(
        recurring(day("2027-03-01"), "FREQ=DAILY;UNTIL=20270324T080000Z", Recurrence.From.DUE),
        recurring(floating("2027-03-01", "09:00"), "FREQ=DAILY;UNTIL=20270324T080000Z", Recurrence.From.DUE),
        recurring(zoned("2027-03-01", "09:00", "Europe/Berlin"), "FREQ=DAILY;UNTIL=20270324", Recurrence.From.DUE),
        recurring(day("2027-03-01"), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", Recurrence.From.DUE))) {
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> RecurringCompletion.written(values, COMPLETE, NOW));
      assertEquals("recurrence.rule", e.fieldErrors().getFirst().name());
    }
  }

  @Test
  void aRuleTheLibraryRefusesIsNamed() {
    assertEquals(true, RecurrenceRules.problem("FREQ=SOMETIMES").isPresent());
    assertEquals(true, RecurrenceRules.problem("RRULE:FREQ=DAILY").isPresent());
    assertEquals(true, RecurrenceRules.problem("BYDAY=MO").isPresent());
    assertEquals(true, RecurrenceRules.problem("FREQ=DAILY;" + "X".repeat(500)).isPresent());
    assertEquals(Optional.empty(), RecurrenceRules.problem("FREQ=WEEKLY;BYDAY=MO"));
  }
}
