package dev.taskapi.api;

import static dev.taskapi.api.Bodies.errorNames;
import static dev.taskapi.api.Bodies.errors;
import static dev.taskapi.api.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.domain.Due;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.Reminder;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** reminders as the create and PATCH bodies read them (issue 26's wire contract). */
class ReminderRequestsTest {
  private static final String BERLIN_DUE =
      "\"due\":{\"date\":\"2026-12-24\",\"time\":\"09:00\",\"time_zone\":\"Europe/Berlin\"}";

  private static List<Reminder> created(String members) {
    return parse(NewTaskRequest::parse, "{\"title\":\"t\"," + members + "}").values().get(TaskFields.REMINDERS);
  }

  @Test
  void bothKindsAreKeptAsSentAndMeanTheirMoment() {
    List<Reminder> reminders =
        created(BERLIN_DUE + ",\"reminders\":[{\"before\":\"PT15M\"},{\"at\":\"2026-12-24T08:45:00+01:00\"}]");
    assertEquals(List.of(new Reminder.Before("PT15M", Duration.ofMinutes(15)),
        new Reminder.At("2026-12-24T08:45:00+01:00", Instant.parse("2026-12-24T07:45:00Z"))), reminders);
    Optional<Due> due = Optional.of(new Due("2026-12-24", Optional.of("09:00"), Optional.of("Europe/Berlin")));
    assertEquals(Optional.of(Instant.parse("2026-12-24T07:45:00Z")), reminders.get(0).moment(due),
        "15 minutes before 09:00 in Berlin (UTC+1 in December)");
    assertEquals(List.of(), created("\"reminders\":null"));
    assertEquals(List.of(), created("\"reminders\":[]"));
    assertEquals(List.of(new Reminder.At("2026-12-24T08:45:00Z", Instant.parse("2026-12-24T08:45:00Z"))),
        created("\"reminders\":[{\"at\":\"2026-12-24T08:45:00Z\"}]"), "an at needs no due");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"before\":\"PT15M\",\"at\":\"2026-12-24T08:45:00Z\"}", "{\"after\":\"PT1M\"}",
      "\"PT15M\"", "{\"before\":15}", "{\"before\":\"15m\"}", "{\"before\":\"-PT15M\"}", "{\"before\":\"P29D\"}",
      "{\"before\":\"P1W\"}", "{\"at\":\"2026-12-24T08:45:00\"}", "{\"at\":\"2026-12-24\"}", "{\"at\":null}"})
  void aReminderThatIsNotOneOfTheTwoKindsIsRefused(String reminder) {
    assertEquals(1, errorNames(NewTaskRequest::parse,
        "{\"title\":\"t\"," + BERLIN_DUE + ",\"reminders\":[" + reminder + "]}").size(), reminder);
  }

  @Test
  void atMostFiveAndNoneTwice() {
    String six = "[{\"before\":\"PT1M\"},{\"before\":\"PT2M\"},{\"before\":\"PT3M\"},{\"before\":\"PT4M\"},"
        + "{\"before\":\"PT5M\"},{\"before\":\"PT6M\"}]";
    assertEquals(List.of(new FieldError("reminders", "must hold at most 5 reminders")),
        errors(NewTaskRequest::parse, "{\"title\":\"t\"," + BERLIN_DUE + ",\"reminders\":" + six + "}"));
    assertEquals(List.of(new FieldError("reminders[1]", "repeats an earlier reminder")),
        errors(NewTaskRequest::parse, "{\"title\":\"t\"," + BERLIN_DUE
            + ",\"reminders\":[{\"before\":\"PT60M\"},{\"before\":\"PT1H\"}]}"), "the same offset, written twice");
    assertEquals(List.of("reminders"), errorNames(NewTaskRequest::parse, "{\"title\":\"t\",\"reminders\":{}}"));
  }

  @Test
  void aReminderBeforeADueThatIsNoMomentIsRefusedOnCreateAndOnEveryEdit() {
    FieldError noMoment = new FieldError("reminders[0].before",
        "needs a due with a time and a time_zone (a whole day or a floating time is no moment)");
    assertEquals(List.of(noMoment), errors(NewTaskRequest::parse,
        "{\"title\":\"t\",\"reminders\":[{\"before\":\"PT15M\"}]}"));
    assertEquals(List.of(noMoment), errors(NewTaskRequest::parse,
        "{\"title\":\"t\",\"due\":{\"date\":\"2026-12-24\",\"time\":\"09:00\"},\"reminders\":[{\"before\":\"PT15M\"}]}"));

    Task task = parse(NewTaskRequest::parse, "{\"title\":\"t\"," + BERLIN_DUE + ",\"reminders\":[{\"before\":\"PT1H\"}]}")
        .task("0190f5d4-7c8e-7b3a-8f00-000000000001", "user");
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    InvalidRequestException floating = assertThrows(InvalidRequestException.class, () -> task.written(
        parse(TaskUpdateRequest::parse, "{\"due\":{\"date\":\"2026-12-24\",\"time\":\"09:00\"}}").changes(), now));
    assertEquals(List.of(noMoment), floating.fieldErrors());
    assertThrows(InvalidRequestException.class,
        () -> task.written(parse(TaskUpdateRequest::parse, "{\"due\":null}").changes(), now));
    Task cleared = task.apply(parse(TaskUpdateRequest::parse, "{\"due\":null,\"reminders\":null}").changes(), now);
    assertEquals(List.of(), cleared.get(TaskFields.REMINDERS), "clearing both together is fine");
  }
}
