package dev.taskapi.store;

import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.User;

/** The caller's own account, found from what the authorizer passes on: the token's email and user id. */
public final class Accounts {
  private Accounts() {}

  /**
   * The account registered under {@code email} with id {@code userId}; a 404 when it was deleted (its tokens
   * stay valid until they expire or the authorizer's cache notices) or the email now belongs to a new account.
   */
  public static User caller(UserStore users, String email, String userId) {
    return users
        .findByEmail(email)
        .filter(user -> user.id().equals(userId))
        .orElseThrow(() -> new NotFoundException("This account no longer exists."));
  }
}
