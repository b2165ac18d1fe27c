package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.domain.User;
import java.io.IOException;

/** A user as the API shows it: never the password hash. */
public record UserView(String id, String username, String email) implements JsonBody {
  public static UserView of(User user) {
    return new UserView(user.id(), user.username(), user.email());
  }

  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id);
    json.writeStringField("username", username);
    json.writeStringField("email", email);
    json.writeEndObject();
  }
}
