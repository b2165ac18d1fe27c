package dev.taskapi.domain;

import java.time.Instant;

/**
 * The password checks reserved for one email address in the current window, which ends at {@code expiresAt}. An expired
 * record counts as none: DynamoDB's TTL deletes it eventually, dynalite never, so every read checks the time.
 */
public record FailedLogins(int count, Instant expiresAt) {
  public boolean activeAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
