package dev.taskapi.api;

import dev.taskapi.domain.User;

/** The answer of register and login: {@code {message, user:{id, username, email}, token}}. */
public record AuthResponse(String message, UserView user, String token) {
  public static AuthResponse of(String message, User user, String token) {
    return new AuthResponse(message, UserView.of(user), token);
  }
}
