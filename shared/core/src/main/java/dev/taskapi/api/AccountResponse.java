package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The answer of {@code GET /auth/me}: {@code {user:{id, username, email}}}. */
public record AccountResponse(UserView user) implements JsonBody {
  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    JsonBody.writeWrapped(json, "user", user);
  }
}
