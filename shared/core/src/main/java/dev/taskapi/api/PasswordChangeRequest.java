package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /auth/password}: {@code current_password} (only present and a string: a wrong one is a
 * 401) and {@code new_password} (the rules of registration).
 */
public record PasswordChangeRequest(String currentPassword, String newPassword) {
  public static PasswordChangeRequest parse(ObjectNode body) {
    return NewPasswordBody.parse(body, "current_password", PasswordChangeRequest::new);
  }

  @Override
  public String toString() {
    return "PasswordChangeRequest[]";
  }
}
