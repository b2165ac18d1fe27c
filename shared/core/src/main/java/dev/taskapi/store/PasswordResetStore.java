package dev.taskapi.store;

import dev.taskapi.domain.PasswordReset;
import java.util.Optional;

/** Password-reset tokens, keyed by their account's user id and their hash. */
public interface PasswordResetStore {
  void create(PasswordReset reset);

  /**
   * Uses the token up and answers what its record held, in one write: of concurrent uses of one token exactly one
   * gets it, also when the write is resent after a lost answer. Empty when there was none, or it was used. Expiry
   * is the caller's to judge: an expired record is used up all the same.
   */
  Optional<PasswordReset> consume(String userId, String tokenHash);

  /**
   * Deletes every pending token of the account (its deletion), within {@code budget}.
   *
   * @return true when none is left
   */
  boolean deleteAll(String userId, java.time.Duration budget);
}
