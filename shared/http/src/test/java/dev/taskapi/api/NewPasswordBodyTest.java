package dev.taskapi.api;

import static dev.taskapi.api.Bodies.errors;
import static dev.taskapi.api.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two other requests that set a password (a change, a reset) take registration's length rule (ASVS 2.1.1). */
class NewPasswordBodyTest {
  private static Function<ObjectNode, ?> parser(String proofField) {
    return proofField.equals("token") ? PasswordResetConfirmation::parse : PasswordChangeRequest::parse;
  }

  /** The proof ("old") has no length rule: a password set under the old minimum still proves the account. */
  private static String body(String proofField, String newPassword) {
    return "{\"" + proofField + "\":\"old\",\"new_password\":" + Bodies.quote(newPassword) + "}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"current_password", "token"})
  void aNewPasswordNeedsTwelveCharacters(String proofField) {
    assertEquals(List.of(new FieldError("new_password", "must be 12 to 128 characters")),
        errors(parser(proofField), body(proofField, "p".repeat(11))));
    assertEquals(List.of(new FieldError("new_password", "must be 12 to 128 characters")),
        errors(parser(proofField), body(proofField, "\uD83D\uDE00".repeat(11))));
    parse(parser(proofField), body(proofField, "p".repeat(12)));
    parse(parser(proofField), body(proofField, "\uD83D\uDE00".repeat(12)));
  }
}
