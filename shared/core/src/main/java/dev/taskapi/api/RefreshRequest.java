package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /auth/refresh}: {@code refresh_token}, present, a string and at most
 * {@value #MAX_TOKEN_LENGTH} characters (ours are 66; an access token sent by mistake, about 250, is refused as any
 * wrong token is). Any other wrong value is simply not a valid token: 401, the same as every other refusal.
 */
public record RefreshRequest(String refreshToken) {
  public static final int MAX_TOKEN_LENGTH = 512;

  public static RefreshRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String token = fields.requiredString("refresh_token");
    checkLength(fields, token);
    fields.throwIfInvalid();
    return new RefreshRequest(token);
  }

  /** The length rule, shared with {@link LogoutRequest}. */
  static void checkLength(JsonFields fields, String token) {
    fields.require("refresh_token", token, t -> t.length() <= MAX_TOKEN_LENGTH,
        "must be at most " + MAX_TOKEN_LENGTH + " characters");
  }

  @Override
  public String toString() {
    return "RefreshRequest[]";
  }
}
