package dev.taskapi.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * RFC 5545 rules, parsed and expanded by lib-recur (not by us). The only class that touches the library, so that
 * its classes load only when a task with a recurrence is written: a create, a read or an edit of any other task
 * never reaches here ({@link RecurringCompletion}).
 *
 * <p>A due is expanded in its own kind: a date-only due as a DATE, a floating time as a floating DATE-TIME, and a
 * time with a time zone as a DATE-TIME in that zone. The library counts in wall-clock fields, so a weekly 09:00 in
 * Europe/Berlin stays 09:00 across a DST change; the instant follows from the new due ({@link Due#instant()}).
 */
final class RecurrenceRules {
  /** A rule longer than this is refused: no sensible RRULE comes near it. */
  static final int MAX_RULE_LENGTH = 500;
  /** Instances looked at for the next one after the anchor, so a rule that never matches cannot spin. */
  private static final int MAX_INSTANCES = 1_000;
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private RecurrenceRules() {}

  /** Why {@code text} is not an RRULE value, or empty when it is one. */
  static Optional<String> problem(String text) {
    if (text.length() > MAX_RULE_LENGTH) {
      return Optional.of("must be at most " + MAX_RULE_LENGTH + " characters");
    }
    try {
      parse(text);
      return Optional.empty();
    } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
      return Optional.of("must be an RFC 5545 RRULE value, such as FREQ=WEEKLY;BYDAY=MO (without \"RRULE:\")");
    }
  }

  /**
   * Why a valid {@code text} cannot recur from {@code due}, or empty when it can: a date-only due recurs by whole
   * days, so its rule may not name hours, minutes or seconds.
   */
  static Optional<String> problem(String text, Due due) {
    RecurrenceRule rule = parseValid(text);
    boolean subDaily =
        rule.getFreq() == Freq.HOURLY || rule.getFreq() == Freq.MINUTELY || rule.getFreq() == Freq.SECONDLY
            || rule.hasPart(RecurrenceRule.Part.BYHOUR) || rule.hasPart(RecurrenceRule.Part.BYMINUTE)
            || rule.hasPart(RecurrenceRule.Part.BYSECOND);
    if (due.time().isEmpty() && subDaily) {
      return Optional.of("must recur by whole days (no HOURLY, MINUTELY, SECONDLY, BYHOUR, BYMINUTE or BYSECOND) "
          + "for a due without a time");
    }
    try {
      // The library refuses, when it expands, an UNTIL of another kind than the start, and a rule that matches
      // nothing (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30): found now, a 400, rather than at the completion.
      RecurrenceRuleIterator instances = rule.iterator(dateTime(local(due), due));
      if (instances.hasNext()) {
        instances.nextDateTime();
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("must have occurrences from the due, and an UNTIL of the due's kind: a date for a due "
          + "without a time, a local date-time for a floating time, UTC (ending in Z) for a time with a time zone");
    }
  }

  /**
   * The due of the occurrence after {@code due}, once {@code recurrence}'s current occurrence is completed at
   * {@code completedAt}; empty when the series has run out (its COUNT or UNTIL), so the task completes for good.
   */
  static Optional<Due> next(Recurrence recurrence, Due due, Instant completedAt) {
    RecurrenceRule rule = parseValid(recurrence.rule());
    Integer count = rule.getCount();
    if (count != null && recurrence.completions() + 1 >= count) {
      return Optional.empty();
    }
    LocalDateTime anchor =
        recurrence.from() == Recurrence.From.DUE ? local(due) : completionDay(due, completedAt).atTime(time(due));
    try {
      RecurrenceRuleIterator instances = rule.iterator(dateTime(anchor, due));
      for (int i = 0; i < MAX_INSTANCES && instances.hasNext(); i++) {
        LocalDateTime instance = local(instances.nextDateTime());
        if (instance.isAfter(anchor)) {
          return Optional.of(due(instance, due));
        }
      }
    } catch (IllegalArgumentException e) {
      // The library found no more instances within its own bound: the series has ended.
    }
    return Optional.empty();
  }

  private static RecurrenceRule parse(String text) throws InvalidRecurrenceRuleException {
    // Strict: a rule the RFC does not allow is refused, not guessed at.
    return new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
  }

  /** A rule already checked by {@link #problem(String)} when it was written. */
  private static RecurrenceRule parseValid(String text) {
    try {
      return parse(text);
    } catch (InvalidRecurrenceRuleException e) {
      throw new IllegalStateException("a stored rule no longer parses: " + text, e);
    }
  }

  /** The day the task was completed where its due is: the due's zone, or UTC for a floating or date-only due. */
  private static LocalDate completionDay(Due due, Instant completedAt) {
    ZoneId zone = due.timeZone().isPresent() ? ZoneId.of(due.timeZone().get()) : ZoneOffset.UTC;
    return LocalDate.ofInstant(completedAt, zone);
  }

  private static LocalTime time(Due due) {
    return due.time().isPresent() ? LocalTime.parse(due.time().get()) : LocalTime.MIDNIGHT;
  }

  private static LocalDateTime local(Due due) {
    return LocalDate.parse(due.date()).atTime(time(due));
  }

  /** {@code local} as the library's kind of {@code due}: all-day, floating, or in the due's zone. */
  private static DateTime dateTime(LocalDateTime local, Due due) {
    int month = local.getMonthValue() - 1; // the library's months count from 0
    if (due.time().isEmpty()) {
      return new DateTime(local.getYear(), month, local.getDayOfMonth());
    }
    if (due.timeZone().isEmpty()) {
      return new DateTime(
          local.getYear(), month, local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond());
    }
    return new DateTime(
        TimeZone.getTimeZone(due.timeZone().get()),
        local.getYear(), month, local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond());
  }

  /** An instance's wall-clock fields (in its own zone, if it has one). */
  private static LocalDateTime local(DateTime instance) {
    if (instance.isAllDay()) {
      return LocalDate.of(instance.getYear(), instance.getMonth() + 1, instance.getDayOfMonth()).atStartOfDay();
    }
    return LocalDateTime.of(
        instance.getYear(), instance.getMonth() + 1, instance.getDayOfMonth(),
        instance.getHours(), instance.getMinutes(), instance.getSeconds());
  }

  /** The due at {@code instance}, of {@code due}'s kind, its time written as the client wrote it when unchanged. */
  private static Due due(LocalDateTime instance, Due due) {
    String date = instance.toLocalDate().toString();
    if (due.time().isEmpty()) {
      return new Due(date, Optional.empty(), Optional.empty());
    }
    LocalTime at = instance.toLocalTime();
    String time =
        at.equals(time(due)) ? due.time().get() : (at.getSecond() == 0 ? MINUTES : SECONDS).format(at);
    return new Due(date, Optional.of(time), due.timeZone());
  }
}
