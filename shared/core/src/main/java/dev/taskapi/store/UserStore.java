package dev.taskapi.store;

import dev.taskapi.domain.User;
import java.util.Optional;

/** Users, keyed by their email address compared case-insensitively. */
public interface UserStore {
  /**
   * Stores a new user in one conditional write.
   *
   * @throws dev.taskapi.domain.ConflictException when the email is already registered, in any letter case
   */
  void create(User user);

  /** The user registered under {@code email} (any letter case), read strongly consistently. */
  Optional<User> findByEmail(String email);

  /**
   * Replaces the user's password hash and increments the token version, in one conditional write that succeeds
   * only if the stored account is still exactly {@code user} as read (same id, hash and version): of concurrent
   * changes one wins. Empty when it is not.
   */
  Optional<User> changePassword(User user, String newPasswordHash);

  /**
   * Increments the token version of the account registered under {@code email} with id {@code userId}, in one
   * conditional write, so that every access token and refresh-token family issued to it before stops working
   * ("log out everywhere"); false when no such account is registered.
   */
  boolean revokeTokens(String email, String userId);

  /**
   * Marks the account as being deleted, in one conditional write, so that no task can be created for it from then
   * on ({@link TaskStore#create}); false when no user with this id is registered under the email.
   */
  boolean close(User user);

  /** Deletes the user in one conditional write; false when no user with this id is registered under the email. */
  boolean delete(User user);
}
