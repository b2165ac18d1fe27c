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

  /** Deletes the user in one conditional write; false when no user with this id is registered under the email. */
  boolean delete(User user);
}
