package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of {@code DELETE /auth/me}: the password, entered again, so that a stolen token cannot delete. */
public record AccountDeletionRequest(String password) {
  public static AccountDeletionRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String password = fields.requiredString("password");
    fields.throwIfInvalid();
    return new AccountDeletionRequest(password);
  }

  @Override
  public String toString() {
    return "AccountDeletionRequest[]";
  }
}
