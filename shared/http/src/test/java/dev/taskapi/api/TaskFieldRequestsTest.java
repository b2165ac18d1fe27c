package dev.taskapi.api;

import static dev.taskapi.api.Bodies.errorNames;
import static dev.taskapi.api.Bodies.errors;
import static dev.taskapi.api.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.taskapi.domain.Due;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.Patch;
import dev.taskapi.domain.Priority;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskValues;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** due, priority and labels as the create and PATCH bodies read them (issue 22's wire contract). */
class TaskFieldRequestsTest {
  private static TaskValues created(String members) {
    return parse(NewTaskRequest::parse, "{\"title\":\"t\"," + members + "}").values();
  }

  @Test
  void aDueIsKeptAsSentInEachOfItsThreeKinds() {
    assertEquals(Optional.of(new Due("2026-12-24", Optional.empty(), Optional.empty())),
        created("\"due\":{\"date\":\"2026-12-24\"}").get(TaskFields.DUE));
    assertEquals(Optional.of(new Due("2026-12-24", Optional.of("09:00"), Optional.empty())),
        created("\"due\":{\"date\":\"2026-12-24\",\"time\":\"09:00\"}").get(TaskFields.DUE));
    assertEquals(Optional.of(new Due("2026-12-24", Optional.of("09:00:30"), Optional.of("Europe/Berlin"))),
        created("\"due\":{\"date\":\"2026-12-24\",\"time\":\"09:00:30\",\"time_zone\":\"Europe/Berlin\","
            + "\"instant\":\"ignored: the server derives it\"}").get(TaskFields.DUE));
    assertEquals(Optional.empty(), created("\"due\":null").get(TaskFields.DUE));
  }

  @Test
  void everyWrongPartOfADueIsNamedInOneAnswer() {
    assertEquals(
        List.of(
            new FieldError("title", "must be 1 to 200 characters and not blank"),
            new FieldError("due.date", "must be a date that exists, as YYYY-MM-DD"),
            new FieldError("due.time", "must be a time as hh:mm or hh:mm:ss"),
            new FieldError("priority", "must be one of none, low, medium, high"),
            new FieldError("labels[1]", "must be 1 to 50 characters and not blank")),
        errors(NewTaskRequest::parse,
            "{\"title\":\" \",\"due\":{\"date\":\"2026-02-30\",\"time\":\"24:00\"},\"priority\":\"urgent\","
                + "\"labels\":[\"ok\",\"  \"]}"));
    assertEquals(List.of(new FieldError("due.date", "is required")),
        errors(NewTaskRequest::parse, "{\"title\":\"t\",\"due\":{\"time\":\"09:00\"}}"));
    assertEquals(List.of(new FieldError("due.time_zone", "needs a time")),
        errors(NewTaskRequest::parse, "{\"title\":\"t\",\"due\":{\"date\":\"2026-12-24\",\"time_zone\":\"Europe/Berlin\"}}"));
    assertEquals(List.of(new FieldError("due.time_zone", "must be an IANA time zone, such as Europe/Berlin")),
        errors(NewTaskRequest::parse,
            "{\"title\":\"t\",\"due\":{\"date\":\"2026-12-24\",\"time\":\"09:00\",\"time_zone\":\"Mars/Olympus\"}}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2026-12-24\"", "[]", "1", "true", "{\"date\":20261224}", "{\"date\":\"24.12.2026\"}",
      "{\"date\":\"2026-12-24\",\"time\":\"9:00\"}", "{\"date\":\"2026-12-24\",\"time\":\"09:00\",\"time_zone\":\"+01:00\"}",
      "{\"date\":\"+2026-12-24\"}", "{\"date\":\"2026-12-24\",\"time\":\"09:00:60\"}"})
  void aDueThatIsNotOneOfTheThreeKindsIsRefused(String due) {
    assertEquals(1, errorNames(NewTaskRequest::parse, "{\"title\":\"t\",\"due\":" + due + "}").size(), due);
  }

  @Test
  void priorityIsOneOfFourAndNoneByDefault() {
    assertEquals(Priority.NONE, created("\"description\":\"\"").get(TaskFields.PRIORITY));
    assertEquals(Priority.HIGH, created("\"priority\":\"high\"").get(TaskFields.PRIORITY));
    assertEquals(List.of("priority"), errorNames(NewTaskRequest::parse, "{\"title\":\"t\",\"priority\":\"HIGH\"}"));
    assertEquals(List.of("priority"), errorNames(TaskUpdateRequest::parse, "{\"priority\":null}"));
  }

  @Test
  void labelsAreTrimmedNormalizedAndCollapsedCaseInsensitivelyKeepingTheFirstWritten() {
    // NFKC: the ligature and the full-width letters are the plain letters.
    assertEquals(List.of("Work", "straße", "fi ok", "AB"),
        created("\"labels\":[\" Work \",\"work\",\"straße\",\"STRASSE\",\"\\uFB01 ok\",\"FI OK\",\"\\uFF21\\uFF22\"]")
            .get(TaskFields.LABELS));
  }

  @Test
  void labelsHaveLimitsAndEachBrokenRuleIsNamed() {
    StringBuilder twenty = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      twenty.append(i == 0 ? "" : ",").append("\"l").append(i).append('"');
    }
    assertEquals(20, created("\"labels\":[" + twenty + ",\"L1\"]").get(TaskFields.LABELS).size(), "a duplicate");
    assertEquals(List.of(new FieldError("labels", "must hold at most 20 labels")),
        errors(NewTaskRequest::parse, "{\"title\":\"t\",\"labels\":[" + twenty + ",\"x\"]}"));
    assertEquals(List.of("labels[0]", "labels[1]", "labels[2]"),
        errorNames(NewTaskRequest::parse, "{\"title\":\"t\",\"labels\":[\"" + "x".repeat(51) + "\",1,\"a\\u0007\"]}"));
    assertEquals(List.of("labels"), errorNames(NewTaskRequest::parse, "{\"title\":\"t\",\"labels\":\"work\"}"));
  }

  @Test
  void patchNullClearsWhatMayBeEmptyAndAbsentLeavesIt() {
    TaskChanges changes = parse(TaskUpdateRequest::parse, "{\"due\":null,\"labels\":null}").changes();

    assertEquals(new Patch.Clear<>(), changes.patch(TaskFields.DUE));
    assertEquals(new Patch.Clear<>(), changes.patch(TaskFields.LABELS));
    assertEquals(new Patch.Unchanged<>(), changes.patch(TaskFields.PRIORITY));
    assertEquals(List.of("title", "completed"), errorNames(TaskUpdateRequest::parse, "{\"title\":null,\"completed\":null}"));
    assertEquals(new Patch.Unchanged<>(),
        parse(TaskUpdateRequest::parse, "{\"title\":\"t\",\"completed_at\":\"2026-01-01T00:00:00Z\"}")
            .changes().patch(TaskFields.COMPLETED_AT), "read-only: ignored");
  }

  @Test
  void theFingerprintOfASeedRequestIsTheSeedsAndEveryNewFieldChangesIt() {
    // SHA-256 of "8:Buy milk8:2 litres", base64url: what the code before issue 22 recorded for this body, so an
    // Idempotency-Key used just before the deploy still replays after it.
    String seed = "l6VNdiNAZOHcyN1deOmmyd1tqTtoWU_yIyY8PyKwnxI";
    String body = "{\"title\":\"Buy milk\",\"description\":\"2 litres\"";
    assertEquals(seed, parse(NewTaskRequest::parse, body + "}").fingerprint());
    assertEquals(seed, parse(NewTaskRequest::parse, body + ",\"priority\":\"none\",\"labels\":[],\"due\":null}").fingerprint());
    for (String member : List.of("\"priority\":\"low\"", "\"labels\":[\"a\"]", "\"due\":{\"date\":\"2026-12-24\"}")) {
      assertNotEquals(seed, parse(NewTaskRequest::parse, body + "," + member + "}").fingerprint(), member);
    }
  }
}
