package dev.taskapi.store;

import dev.taskapi.domain.Session;
import java.util.Optional;

/** Refresh-token families ({@link Session}), keyed by their account's user id and their family id. */
public interface SessionStore {
  /**
   * Stores a new family (a family id is never reused), atomically with a check that its account is registered under
   * the session's email with its user id and is not being deleted: a sign-in racing the account's deletion either
   * lands before the deletion marks the account closing (and the deletion's sweep finds it) or writes nothing.
   *
   * @return false when the account is gone or closing (nothing was written)
   */
  boolean create(Session session);

  /** The family, read strongly consistently; empty when there is none (never started, revoked or expired). */
  Optional<Session> find(String userId, String familyId);

  /**
   * Replaces the family's token hash with {@code rotated}'s, in one conditional write that succeeds only while the
   * stored family still holds {@code current}'s hash and has not expired: of concurrent rotations with one token,
   * exactly one wins. False when it did not.
   */
  boolean rotate(Session current, Session rotated);

  /**
   * Ends one session: deletes the family and, in the same atomic write, records on its account's item that the
   * family's access tokens are refused until {@code accessTokensEnd} (when the last one issued expires), pruning
   * the records of sessions whose access tokens have all expired by {@code now}. When the account is gone, only
   * the family is deleted (its tokens are refused with the account).
   *
   * @return false when there was no such family (nothing to end)
   */
  boolean end(String email, String userId, String familyId, java.time.Instant accessTokensEnd,
      java.time.Instant now);

  /**
   * Deletes every family of the account (its deletion), within {@code budget}.
   *
   * @return true when none is left
   */
  boolean deleteAll(String userId, java.time.Duration budget);
}
