package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One refresh-token family (RFC 9700 section 4.14.2): started by a sign-in, rotated by every refresh, and holding
 * the SHA-256 of its one valid refresh token. {@code tokenVersion} is the account's at sign-in; a family of any
 * other version is revoked.
 */
public record Session(
    String familyId,
    String userId,
    String email,
    long tokenVersion,
    String tokenHash,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt) {
  public Session {
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The same family after a rotation at {@code now}: the new token's hash and the new end. */
  public Session rotated(String newTokenHash, Instant now, Instant newExpiresAt) {
    return new Session(familyId, userId, email, tokenVersion, newTokenHash, createdAt, now, newExpiresAt);
  }

  @Override
  public String toString() {
    return "Session[familyId=" + familyId + ", userId=" + userId + "]"; // never the hash or the address
  }
}
