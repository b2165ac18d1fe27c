package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiFunction;

/**
 * The body of the two requests that set a new password on an account: one string that proves the right to (the
 * current password, a reset token: here only present and a string, the handler checks it) and
 * {@code new_password} under the rules of registration, every broken rule in the one 400.
 */
final class NewPasswordBody {
  private NewPasswordBody() {}

  /** @param request makes the record from the proof and the new password */
  static <T> T parse(ObjectNode body, String proofField, BiFunction<String, String, T> request) {
    JsonFields fields = new JsonFields(body);
    String proof = fields.requiredString(proofField);
    String newPassword = fields.requiredString("new_password");
    RegistrationRequest.checkPassword(fields, "new_password", newPassword);
    fields.throwIfInvalid();
    return request.apply(proof, newPassword);
  }
}
