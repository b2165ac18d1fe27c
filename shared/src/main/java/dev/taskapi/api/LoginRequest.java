package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /auth}. Only presence and type are checked: any other rule would tell an attacker
 * which addresses cannot exist, and a wrong value is simply a failed login (401).
 */
public record LoginRequest(String email, String password) {
  public static LoginRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String email = fields.requiredString("email");
    String password = fields.requiredString("password");
    fields.throwIfInvalid();
    return new LoginRequest(email, password);
  }

  @Override
  public String toString() {
    return "LoginRequest[]";
  }
}
