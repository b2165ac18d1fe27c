package dev.taskapi.logout;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.AuthenticationFailedException;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogoutHandlerTest {
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemorySessionStore store = new InMemorySessionStore();
  private final Sessions sessions = TestSessions.sessions(users, store, TestCrypto.CLOCK);
  private final LogoutHandler handler = new LogoutHandler(store, users, TestTokens.TTL, TestCrypto.CLOCK, Cors.none());
  private final User ada = new User("user-ada", "Ada", "ada@example.com", "$argon2id$hash", TestCrypto.NOW);
  private final User bob = new User("user-bob", "Bob", "bob@example.com", "$argon2id$hash", TestCrypto.NOW);

  @BeforeEach
  void register() {
    users.create(ada);
    users.create(bob);
  }

  private APIGatewayProxyResponseEvent logout(User caller, String body) {
    return Lambda.invoke(handler, Requests.asCaller(Requests.json(body), caller.id(), caller.email()), null);
  }

  @Test
  void aRefreshTokenEndsThatSessionOnly() {
    String phone = sessions.start("Signed in", ada).refreshToken();
    String laptop = sessions.start("Signed in", ada).refreshToken();

    assertEquals("Logged out", assertJson(logout(ada, "{\"refresh_token\":\"" + phone + "\"}"), 200)
        .get("message").asText());

    assertEquals(1, store.all().size());
    sessions.refresh(laptop);
    assertEquals(java.util.Optional.of(TestCrypto.NOW.plus(TestTokens.TTL)),
        store.endedUntil(Sessions.family(phone).orElseThrow().familyId()),
        "its access tokens are refused until the last one expires");
    assertTrue(store.endedUntil(Sessions.family(laptop).orElseThrow().familyId()).isEmpty());
  }

  @Test
  void anotherUsersOrAnUnknownTokenChangesNothingAndAnswersTheSame() {
    String bobs = sessions.start("Signed in", bob).refreshToken();
    assertJson(logout(ada, "{\"refresh_token\":\"" + bobs + "\"}"), 200);
    assertJson(logout(ada, "{\"refresh_token\":\"not-a-token\"}"), 200);
    assertEquals(1, store.all().size());
  }

  @Test
  void allEndsEverySessionAndRaisesTheTokenVersion() {
    String phone = sessions.start("Signed in", ada).refreshToken();
    String laptop = sessions.start("Signed in", ada).refreshToken();

    assertEquals("Logged out of every session", assertJson(logout(ada, "{\"all\":true}"), 200)
        .get("message").asText());

    assertEquals(1, users.findByEmail(ada.email()).orElseThrow().tokenVersion());
    assertEquals(0, users.findByEmail(bob.email()).orElseThrow().tokenVersion());
    for (String token : List.of(phone, laptop)) {
      assertThrows(AuthenticationFailedException.class, () -> sessions.refresh(token));
    }
    assertTrue(store.all().isEmpty(), "each family of the old version is deleted when it is presented");
  }

  @Test
  void theBodyNamesExactlyOneOfTheTwo() {
    assertEquals(List.of("refresh_token"), invalidParamNames(assertProblem(logout(ada, "{}"), 400)));
    assertEquals(List.of("refresh_token"), invalidParamNames(assertProblem(logout(ada, "{\"all\":false}"), 400)));
    assertEquals(List.of("all"),
        invalidParamNames(assertProblem(logout(ada, "{\"all\":true,\"refresh_token\":\"x\"}"), 400)));
    assertEquals(List.of("all"), invalidParamNames(assertProblem(logout(ada, "{\"all\":\"yes\"}"), 400)));
    assertEquals(0, users.findByEmail(ada.email()).orElseThrow().tokenVersion());
  }
}
