package dev.taskapi.api;

import static dev.taskapi.api.Bodies.errors;
import static dev.taskapi.api.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginRequestTest {
  @Test
  void validBody() {
    assertEquals(
        new LoginRequest("Ada@Example.com", "pw"),
        parse(LoginRequest::parse, "{\"email\":\"Ada@Example.com\",\"password\":\"pw\"}"));
  }

  @Test
  void onlyPresenceAndTypeAreChecked() {
    // Any other rule would reveal which accounts cannot exist; a wrong value is just a failed login.
    assertEquals(new LoginRequest("not an email", ""), parse(LoginRequest::parse, "{\"email\":\"not an email\",\"password\":\"\"}"));
  }

  @Test
  void missingFieldsAreRequired() {
    assertEquals(
        List.of(new FieldError("email", "is required"), new FieldError("password", "is required")),
        errors(LoginRequest::parse, "{}"));
    assertEquals(List.of(new FieldError("password", "is required")), errors(LoginRequest::parse, "{\"email\":\"a@b.co\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "1", "true", "[]", "{}"})
  void nonStringFieldsAreRejected(String value) {
    assertEquals(
        List.of(new FieldError("email", "must be a string"), new FieldError("password", "must be a string")),
        errors(LoginRequest::parse, "{\"email\":" + value + ",\"password\":" + value + "}"));
  }

  @Test
  void toStringNeverShowsCredentials() {
    String text = new LoginRequest("ada@example.com", "hunter22").toString();
    assertFalse(text.contains("hunter22") || text.contains("ada@example.com"), text);
  }
}
