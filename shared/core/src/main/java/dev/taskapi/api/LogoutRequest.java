package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;

/**
 * The body of {@code POST /auth/logout}: {@code {"refresh_token": "..."}} ends that session, {@code {"all": true}}
 * every session of the account. Exactly one of the two.
 */
public record LogoutRequest(String refreshToken, boolean all) {
  public static LogoutRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String token = fields.optionalString("refresh_token", null);
    Boolean all = fields.optionalBoolean("all");
    RefreshRequest.checkLength(fields, token);
    fields.throwIfInvalid();
    boolean everywhere = Boolean.TRUE.equals(all);
    if ((token == null) == !everywhere) {
      throw new InvalidRequestException(
          "Give either refresh_token (this session) or \"all\": true (every session), not both.",
          List.of(new FieldError(token == null ? "refresh_token" : "all",
              token == null ? "is required unless all is true" : "must not be given with refresh_token")));
    }
    return new LogoutRequest(token, everywhere);
  }

  @Override
  public String toString() {
    return "LogoutRequest[all=" + all + "]";
  }
}
