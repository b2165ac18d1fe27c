package dev.taskapi.getaccount;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetAccountHandlerTest {
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final GetAccountHandler handler = new GetAccountHandler(users, Cors.none());
  private final User ada = new User("user-ada", "Ada", "Ada@Example.com", "$argon2id$hash", TestCrypto.NOW);

  @Test
  void theCallersProfileWithoutTheHash() {
    users.create(ada);

    JsonNode body =
        assertJson(Lambda.invoke(handler, Requests.asCaller(Requests.empty(), ada.id(), "ada@example.com"), null), 200);

    assertEquals(List.of("user"), fieldNames(body));
    assertEquals(List.of("id", "username", "email"), fieldNames(body.get("user")));
    assertEquals("Ada@Example.com", body.get("user").get("email").asText());
  }

  @Test
  void aDeletedOrReRegisteredAccountIs404() {
    assertProblem(Lambda.invoke(handler, Requests.asCaller(Requests.empty(), ada.id(), ada.email()), null), 404);
    users.create(ada);
    assertProblem(Lambda.invoke(handler, Requests.asCaller(Requests.empty(), "someone-else", ada.email()), null), 404);
  }

  @Test
  void aTokenWithoutTheEmailClaimIs401() {
    users.create(ada);
    assertProblem(Lambda.invoke(handler, Requests.asUser(Requests.empty(), ada.id()), null), 401);
  }
}
