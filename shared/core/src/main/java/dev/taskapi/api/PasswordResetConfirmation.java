package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /auth/password-reset/confirm}: {@code token} (only present and a string: any wrong
 * value is the one 400 of an invalid token) and {@code new_password} (the rules of registration).
 */
public record PasswordResetConfirmation(String token, String newPassword) {
  public static PasswordResetConfirmation parse(ObjectNode body) {
    return NewPasswordBody.parse(body, "token", PasswordResetConfirmation::new);
  }

  @Override
  public String toString() {
    return "PasswordResetConfirmation[]";
  }
}
