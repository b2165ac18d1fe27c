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
                + "\"uuid\":\"00000000-0000-7000-8000-000000000000\",\"created_at\":\"1999-01-01T00:00:00.000Z\"}");
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
}
