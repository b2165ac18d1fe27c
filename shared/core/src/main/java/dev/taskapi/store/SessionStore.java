package dev.taskapi.store;

import dev.taskapi.domain.Session;
import java.util.Optional;

/** Refresh-token families ({@link Session}), keyed by their account's user id and their family id. */
public interface SessionStore {
  /** Stores a new family in one conditional write (a family id is never reused). */
  void create(Session session);

  /** The family, read strongly consistently; empty when there is none (never started, revoked or expired). */
  Optional<Session> find(String userId, String familyId);

  /**
   * Replaces the family's token hash with {@code rotated}'s, in one conditional write that succeeds only while the
   * stored family still holds {@code current}'s hash and has not expired: of concurrent rotations with one token,
   * exactly one wins. False when it did not.
   */
  boolean rotate(Session current, Session rotated);

  /** Deletes the family (one conditional write); false when there was none. */
  boolean revoke(String userId, String familyId);

  /**
   * Deletes every family of the account (its deletion), within {@code budget}.
   *
   * @return true when none is left
   */
  boolean deleteAll(String userId, java.time.Duration budget);
}
