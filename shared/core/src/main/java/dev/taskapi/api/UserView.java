package dev.taskapi.api;

import dev.taskapi.domain.User;

/** A user as the API shows it: never the password hash. */
public record UserView(String id, String username, String email) {
  public static UserView of(User user) {
    return new UserView(user.id(), user.username(), user.email());
  }
}
