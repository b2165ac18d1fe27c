package dev.taskapi.store;

import dev.taskapi.domain.PasswordReset;
import java.util.Optional;

/** Password-reset tokens, keyed by their account's user id and their hash. */
public interface PasswordResetStore {
  void create(PasswordReset reset);

  /**
   * Deletes the token's record and answers what it held, in one write: of concurrent uses of one token exactly
   * one gets it (DynamoDB returns the deleted item to the one delete that deleted it). Empty when there was none.
   * Expiry is the caller's to judge: an expired record is deleted all the same.
   */
  Optional<PasswordReset> consume(String userId, String tokenHash);

  /**
   * Deletes every pending token of the account (its deletion), within {@code budget}.
   *
   * @return true when none is left
   */
  boolean deleteAll(String userId, java.time.Duration budget);
}
