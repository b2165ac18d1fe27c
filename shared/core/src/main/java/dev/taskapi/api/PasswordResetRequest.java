package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /auth/password-reset}: {@code email}, checked as a login's is (present, a string, at
 * most the maximum length): any stricter rule would answer differently for addresses that cannot exist.
 */
public record PasswordResetRequest(String email) {
  public static PasswordResetRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String email = fields.requiredString("email");
    LoginRequest.checkEmail(fields, email);
    fields.throwIfInvalid();
    return new PasswordResetRequest(email);
  }

  @Override
  public String toString() {
    return "PasswordResetRequest[]";
  }
}
