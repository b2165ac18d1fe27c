package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;

/** A password-reset token sent to {@code email}: its SHA-256, the account it resets, and when it expires. */
public record PasswordReset(String tokenHash, String userId, String email, long tokenVersion, Instant expiresAt) {
  public PasswordReset {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "PasswordReset[userId=" + userId + "]"; // never the hash or the address
  }
}
