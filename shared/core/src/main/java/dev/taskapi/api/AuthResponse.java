package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.domain.User;
import java.io.IOException;

/**
 * The answer of every sign-in (register, login, refresh, password change and reset):
 * {@code {message, user:{id, username, email}, token, refresh_token, expires_in}}. {@code token} is the access
 * token (a JWT) and {@code expires_in} its lifetime in seconds (RFC 6749 section 5.1's name); {@code refresh_token}
 * is the opaque token that {@code POST /auth/refresh} exchanges for the next pair.
 */
public record AuthResponse(String message, UserView user, String token, String refreshToken, long expiresIn)
    implements JsonBody {
  public static AuthResponse of(String message, User user, String token, String refreshToken, long expiresIn) {
    return new AuthResponse(message, UserView.of(user), token, refreshToken, expiresIn);
  }

  @Override
  public String toString() {
    return "AuthResponse[message=" + message + "]"; // never a token
  }

  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("message", message);
    JsonBody.writeField(json, "user", user);
    json.writeStringField("token", token);
    json.writeStringField("refresh_token", refreshToken);
    json.writeNumberField("expires_in", expiresIn);
    json.writeEndObject();
  }
}
