package dev.taskapi.refresh;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemorySessionStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestSessions;
import dev.taskapi.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshHandlerTest {
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final Sessions sessions = TestSessions.sessions(users, new InMemorySessionStore(), TestCrypto.CLOCK);
  private final RefreshHandler handler = new RefreshHandler(sessions, Cors.none());
  private final User ada = new User("user-ada", "Ada", "ada@example.com", "$argon2id$hash", TestCrypto.NOW);

  private APIGatewayProxyResponseEvent refresh(String body) {
    return Lambda.invoke(handler, Requests.json(body), null);
  }

  @Test
  void aValidRefreshTokenAnswersTheSignInBodyWithTheNextPair() {
    users.create(ada);
    String first = sessions.start("Signed in", ada).refreshToken();

    JsonNode body = assertJson(refresh("{\"refresh_token\":\"" + first + "\"}"), 200);

    assertEquals(List.of("message", "user", "token", "refresh_token", "expires_in"), fieldNames(body));
    assertEquals(ada.id(), body.get("user").get("id").asText());
    assertEquals(ada.id(), TestTokens.tokenService().verify(body.get("token").asText()));
    assertNotEquals(first, body.get("refresh_token").asText());
    assertEquals(TestTokens.TTL.toSeconds(), body.get("expires_in").asLong());
    // Used up: the same token again is refused.
    APIGatewayProxyResponseEvent again = refresh("{\"refresh_token\":\"" + first + "\"}");
    assertProblem(again, 401);
    assertEquals("Bearer", again.getHeaders().get("WWW-Authenticate"));
  }

  @Test
  void anUnknownTokenIsA401AndAMissingOrNonStringOneA400() {
    JsonNode unknown = assertProblem(refresh("{\"refresh_token\":\"nope\"}"), 401);
    assertEquals("The refresh token is invalid, expired or revoked.", unknown.get("detail").asText());
    assertEquals(List.of("refresh_token"), invalidParamNames(assertProblem(refresh("{}"), 400)));
    assertEquals(List.of("refresh_token"), invalidParamNames(assertProblem(refresh("{\"refresh_token\":7}"), 400)));
  }
}
