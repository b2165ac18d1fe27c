package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.User;

/**
 * The body of {@code POST /auth}. Only presence, type and the documented maximum email length are checked: any
 * other rule would tell an attacker which addresses cannot exist, and a wrong value is simply a failed login
 * (401). The length cap, on the normalized form the key is made of (NFKC can expand a character many times),
 * keeps the email within a DynamoDB key (2 KB), which a longer one would break with a 500.
 */
public record LoginRequest(String email, String password) {
  public static LoginRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String email = fields.requiredString("email");
    String password = fields.requiredString("password");
    checkEmail(fields, email);
    fields.throwIfInvalid();
    return new LoginRequest(email, password);
  }

  /** The email rule of a login, shared with {@link PasswordResetRequest}: the length cap, nothing more. */
  static void checkEmail(JsonFields fields, String email) {
    fields.require("email", email,
        e -> JsonFields.length(e) <= RegistrationRequest.MAX_EMAIL
            && JsonFields.length(User.normalizeEmail(e)) <= RegistrationRequest.MAX_EMAIL,
        "must be at most " + RegistrationRequest.MAX_EMAIL + " characters");
  }

  @Override
  public String toString() {
    return "LoginRequest[]";
  }
}
