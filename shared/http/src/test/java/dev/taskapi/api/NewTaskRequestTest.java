package dev.taskapi.api;

import static dev.taskapi.api.Bodies.errorNames;
import static dev.taskapi.api.Bodies.errors;
import static dev.taskapi.api.Bodies.parse;
import static dev.taskapi.api.Bodies.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.testing.TestTasks;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewTaskRequestTest {
  private static String body(String title, String description) {
    return "{\"title\":" + quote(title) + ",\"description\":" + quote(description) + "}";
  }

  @Test
  void validBody() {
    assertEquals(new NewTaskRequest(Optional.empty(), Optional.empty(), TestTasks.values("Buy milk", "2 litres")), parse(NewTaskRequest::parse, body("Buy milk", "2 litres")));
  }

  @Test
  void descriptionIsOptionalAndDefaultsToEmpty() {
    assertEquals(new NewTaskRequest(Optional.empty(), Optional.empty(), TestTasks.values("Buy milk", "")), parse(NewTaskRequest::parse, "{\"title\":\"Buy milk\"}"));
  }

  @Test
  void missingTitleIsRequired() {
    assertEquals(List.of(new FieldError("title", "is required")), errors(NewTaskRequest::parse, "{\"description\":\"d\"}"));
    assertEquals(List.of(new FieldError("title", "is required")), errors(NewTaskRequest::parse, "{}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "0", "-1.5e3", "true", "false", "[]", "[\"t\"]", "{}", "{\"t\":\"x\"}"})
  void nonStringTitleOrDescriptionIsRejected(String value) {
    assertEquals(
        List.of(new FieldError("title", "must be a string")),
        errors(NewTaskRequest::parse, "{\"title\":" + value + ",\"description\":\"d\"}"));
    assertEquals(
        List.of(new FieldError("description", "must be a string")),
        errors(NewTaskRequest::parse, "{\"title\":\"t\",\"description\":" + value + "}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t ", "\u2003"})
  void blankTitleIsRejected(String title) {
    assertEquals(List.of("title"), errorNames(NewTaskRequest::parse, body(title, "")));
  }

  @Test
  void titleLengthBoundaries() {
    assertEquals("t".repeat(200), parse(NewTaskRequest::parse, body("t".repeat(200), "")).title());
    assertEquals(List.of("title"), errorNames(NewTaskRequest::parse, body("t".repeat(201), "")));
    String emoji200 = "\uD83D\uDCDD".repeat(200);
    assertEquals(emoji200, parse(NewTaskRequest::parse, body(emoji200, "")).title());
  }

  @Test
  void descriptionLengthBoundaries() {
    assertEquals("d".repeat(10_000), parse(NewTaskRequest::parse, body("t", "d".repeat(10_000))).description());
    assertEquals(
        List.of(new FieldError("description", "must be at most 10000 characters")),
        errors(NewTaskRequest::parse, body("t", "d".repeat(10_001))));
  }

  @Test
  void blankDescriptionIsAllowed() {
    assertEquals("   ", parse(NewTaskRequest::parse, body("t", "   ")).description());
  }

  @Test
  void unicodeAndWhitespaceArePreservedExactly() {
    String title = "  Café ☕ \uD83D\uDE00 e\u0301 ";
    String description = "line 1\nline 2\t\"quoted\" \\ 名前";
    assertEquals(new NewTaskRequest(Optional.empty(), Optional.empty(), TestTasks.values(title, description)), parse(NewTaskRequest::parse, body(title, description)));
  }

  @Test
  void serverOwnedFieldsInTheBodyAreIgnored() {
    NewTaskRequest r =
        parse(
            NewTaskRequest::parse,
            "{\"title\":\"t\",\"description\":\"d\",\"user_id\":\"someone-else\","
                + "\"created_at\":\"1999-01-01T00:00:00.000Z\"}");
    assertEquals(new NewTaskRequest(Optional.empty(), Optional.empty(), TestTasks.values("t", "d")), r);
  }

  @Test
  void serverOwnedFieldsOfAnyTypeDoNotCauseErrors() {
    NewTaskRequest r = parse(NewTaskRequest::parse, "{\"title\":\"t\",\"user_id\":5,\"uuid\":null,\"created_at\":[]}");
    assertEquals(new NewTaskRequest(Optional.empty(), Optional.empty(), TestTasks.values("t", "")), r);
  }

  @Test
  void titleAndDescriptionErrorsAreReportedTogether() {
    assertEquals(List.of("title", "description"), errorNames(NewTaskRequest::parse, body(" ", "d".repeat(10_001))));
    assertEquals(List.of("title", "description"), errorNames(NewTaskRequest::parse, "{\"description\":1}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "6F1C9A3E-4B2D-4C8E-9F00-1A2B3C4D5E6F", // v4, upper case
        "017f22e2-79b0-7cc3-98c4-dc0c0c07398f", // v7 (RFC 9562 appendix A.6)
        "c232ab00-9414-11ec-b3c8-9f6bdeced846", // v1 (appendix A.1)
        "5df41881-3aed-3515-88a7-2f4a814cf09e", // v3 (appendix A.2)
        "2489e9ad-2ee2-8e00-8ec9-32d5f69181c0" // v8 (appendix B.1)
      })
  void aClientIdIsAnyRfc9562UuidReadInLowerCase(String uuid) {
    NewTaskRequest request = parse(NewTaskRequest::parse, "{\"uuid\":" + quote(uuid) + ",\"title\":\"t\"}");
    assertEquals(Optional.of(uuid.toLowerCase(java.util.Locale.ROOT)), request.uuid());
    assertEquals(Optional.of(request.fingerprint()), request.clientFingerprint());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"00000000-0000-0000-0000-000000000000\"", // Nil
        "\"ffffffff-ffff-ffff-ffff-ffffffffffff\"", // Max
        "\"6f1c9a3e-4b2d-0c8e-9f00-1a2b3c4d5e6f\"", // version 0
        "\"6f1c9a3e-4b2d-9c8e-9f00-1a2b3c4d5e6f\"", // version 9
        "\"6f1c9a3e-4b2d-4c8e-cf00-1a2b3c4d5e6f\"", // variant 110 (Microsoft)
        "\"6f1c9a3e-4b2d-4c8e-7f00-1a2b3c4d5e6f\"", // variant 0 (NCS)
        "\"{6f1c9a3e-4b2d-4c8e-9f00-1a2b3c4d5e6f}\"",
        "\"urn:uuid:6f1c9a3e-4b2d-4c8e-9f00-1a2b3c4d5e6f\"",
        "\"6f1c9a3e4b2d4c8e9f001a2b3c4d5e6f\"",
        "\"1-1-1-1-1\"",
        "\"\"",
        "42",
        "[]"
      })
  void anythingElseAsAClientIdIsA400NamingUuid(String value) {
    assertEquals(List.of("uuid"), errorNames(NewTaskRequest::parse, "{\"uuid\":" + value + ",\"title\":\"t\"}"));
  }

  @Test
  void aNullOrAbsentClientIdLeavesTheIdToTheServerAndTheFingerprintAsBefore() {
    NewTaskRequest absent = parse(NewTaskRequest::parse, "{\"title\":\"t\"}");
    NewTaskRequest nullId = parse(NewTaskRequest::parse, "{\"uuid\":null,\"title\":\"t\"}");
    assertEquals(absent, nullId);
    assertEquals(Optional.empty(), absent.clientFingerprint());
    assertEquals(absent.fingerprint(), nullId.fingerprint());
  }

  @Test
  void theClientIdIsPartOfTheFingerprintAndCannotBeItsOwnParent() {
    String id = "6f1c9a3e-4b2d-4c8e-9f00-1a2b3c4d5e6f";
    NewTaskRequest withId = parse(NewTaskRequest::parse, "{\"uuid\":" + quote(id) + ",\"title\":\"t\"}");
    assertEquals(false, withId.fingerprint().equals(parse(NewTaskRequest::parse, "{\"title\":\"t\"}").fingerprint()));
    assertEquals(
        List.of("uuid"),
        errorNames(NewTaskRequest::parse, "{\"uuid\":" + quote(id) + ",\"parent_id\":" + quote(id) + ",\"title\":\"t\"}"));
  }
}
