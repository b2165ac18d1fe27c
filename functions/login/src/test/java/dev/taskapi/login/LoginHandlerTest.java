package dev.taskapi.login;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.auth.TokenService;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.password.LoginLimit;
import dev.taskapi.password.PasswordAttempts;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.testing.InMemoryLoginStore;
import dev.taskapi.testing.InMemorySessionStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.ManualClock;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestPasswords;
import dev.taskapi.testing.TestSessions;
import dev.taskapi.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginHandlerTest {
  private static final String USER_ID = "6f1c0d2e-4b3a-4c5d-9e8f-0a1b2c3d4e5f";
  private static final String PASSWORD = "correct horse battery";

  private static final LoginLimit LIMIT = new LoginLimit(3, Duration.ofMinutes(15));

  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemoryLoginStore logins = new InMemoryLoginStore();
  private final ManualClock clock = new ManualClock(TestCrypto.NOW);
  private final PasswordHasher hasher = TestPasswords.fastHasher();
  private final TokenService tokens = TestTokens.tokenService();
  private final InMemorySessionStore sessionStore = new InMemorySessionStore(users);
  private final LoginHandler handler = new LoginHandler(users, new PasswordAttempts(logins, LIMIT, clock, hasher),
      TestSessions.sessions(users, sessionStore, TestCrypto.CLOCK), Cors.none());

  @BeforeEach
  void registerAda() {
    users.create(new User(USER_ID, "Ada", "Ada@Example.com", hasher.hash(PASSWORD), TestCrypto.NOW));
  }

  private APIGatewayProxyResponseEvent login(String email, String password) {
    return Lambda.invoke(handler, 
        Requests.json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), null);
  }

  @Test
  void correctCredentialsGiveAToken() {
    JsonNode body = assertJson(login("Ada@Example.com", PASSWORD), 200);
    assertEquals(List.of("message", "user", "token", "refresh_token", "expires_in"), fieldNames(body));
    assertEquals(TestTokens.TTL.toSeconds(), body.get("expires_in").asLong());
    assertEquals("Authentication successful", body.get("message").asText());
    assertEquals(List.of("id", "username", "email"), fieldNames(body.get("user")));
    assertEquals(USER_ID, body.get("user").get("id").asText());
    assertEquals("Ada", body.get("user").get("username").asText());
    assertEquals("Ada@Example.com", body.get("user").get("email").asText());
    assertEquals(USER_ID, tokens.verify(body.get("token").asText()));
    assertFalse(body.toString().contains("argon2"));
  }

  @Test
  void emailIsCaseInsensitive() {
    assertEquals(USER_ID, tokens.verify(assertJson(login("ada@example.com", PASSWORD), 200).get("token").asText()));
    assertEquals(USER_ID, tokens.verify(assertJson(login("ADA@EXAMPLE.COM", PASSWORD), 200).get("token").asText()));
  }

  @Test
  void passwordIsCaseSensitive() {
    assertProblem(login("ada@example.com", PASSWORD.toUpperCase()), 401);
  }

  @Test
  void theRightPasswordOfAnAccountBeingDeletedIsAnsweredAsAnUnknownAccountAndStoresNoSession() {
    APIGatewayProxyResponseEvent unknownEmail = login("nobody@example.com", PASSWORD);
    users.close(users.findByEmail("ada@example.com").orElseThrow());

    APIGatewayProxyResponseEvent closing = login("ada@example.com", PASSWORD);

    assertProblem(closing, 401);
    assertEquals(unknownEmail.getBody(), closing.getBody());
    assertTrue(sessionStore.all().isEmpty());
  }

  @Test
  void wrongPasswordAndUnknownEmailGiveTheSame401() {
    APIGatewayProxyResponseEvent wrongPassword = login("ada@example.com", "wrong password");
    APIGatewayProxyResponseEvent unknownEmail = login("nobody@example.com", PASSWORD);
    JsonNode problem = assertProblem(wrongPassword, 401);
    assertEquals("Invalid email or password.", problem.get("detail").asText());
    assertProblem(unknownEmail, 401);
    assertEquals(wrongPassword.getBody(), unknownEmail.getBody());
    assertEquals(wrongPassword.getHeaders(), unknownEmail.getHeaders());
    assertEquals("Bearer", wrongPassword.getHeaders().get("WWW-Authenticate"));
  }

  @Test
  void missingFieldIs400() {
    JsonNode problem = assertProblem(Lambda.invoke(handler, Requests.json("{\"email\":\"ada@example.com\"}"), null), 400);
    assertEquals(List.of("password"), invalidParamNames(problem));
    assertEquals(List.of("email", "password"), invalidParamNames(assertProblem(Lambda.invoke(handler, Requests.json("{}"), null), 400)));
  }

  @Test
  void nonStringPasswordIs400() {
    JsonNode problem =
        assertProblem(Lambda.invoke(handler, Requests.json("{\"email\":\"ada@example.com\",\"password\":12345678}"), null), 400);
    assertEquals(List.of("password"), invalidParamNames(problem));
  }

  @Test
  void aSuccessfulLoginReservesItsCheckThenEndsTheWindow() {
    assertJson(login("ada@example.com", PASSWORD), 200);
    assertEquals(2, logins.writes(), "the reservation before the check, and ending the window after it");
    assertFalse(logins.hasWindow("ada@example.com"));
  }

  @Test
  void afterTheLimitEvenTheRightPasswordGets429WithRetryAfterUntilTheWindowEnds() {
    for (int i = 0; i < LIMIT.maxAttempts(); i++) {
      assertProblem(login("ada@example.com", "wrong password"), 401);
      clock.advance(Duration.ofMinutes(1));
    }
    APIGatewayProxyResponseEvent locked = login("ada@example.com", PASSWORD);
    JsonNode problem = assertProblem(locked, 429);
    assertEquals("Too Many Requests", problem.get("title").asText());
    // The window opened with the first failure, 3 minutes ago.
    assertEquals(Long.toString(Duration.ofMinutes(12).toSeconds()), locked.getHeaders().get("Retry-After"));
    int writesWhileLocked = logins.writes();
    assertProblem(login("ADA@example.com", "wrong password"), 429);
    assertEquals(writesWhileLocked, logins.writes(), "failures while locked are not counted: no lock-out extension");

    clock.advance(Duration.ofMinutes(12));
    assertJson(login("ada@example.com", PASSWORD), 200);
    assertEquals(writesWhileLocked + 2, logins.writes(), "a new window, ended by the success");
    assertProblem(login("ada@example.com", "wrong password"), 401);
  }

  @Test
  void unknownEmailsAreLimitedAlikeSoA429RevealsNoAccount() {
    for (int i = 0; i < LIMIT.maxAttempts(); i++) {
      assertProblem(login("nobody@example.com", PASSWORD), 401);
    }
    APIGatewayProxyResponseEvent unknown = login("nobody@example.com", PASSWORD);
    for (int i = 0; i < LIMIT.maxAttempts(); i++) {
      login("ada@example.com", "wrong password");
    }
    APIGatewayProxyResponseEvent known = login("ada@example.com", PASSWORD);
    assertProblem(unknown, 429);
    assertEquals(known.getBody(), unknown.getBody());
    assertEquals(known.getHeaders(), unknown.getHeaders());
  }

  @Test
  void aSuccessBeforeTheLimitStartsTheCountAgain() {
    for (int i = 0; i < LIMIT.maxAttempts() - 1; i++) {
      assertProblem(login("ada@example.com", "wrong password"), 401);
    }
    assertJson(login("ada@example.com", PASSWORD), 200);
    for (int i = 0; i < LIMIT.maxAttempts() - 1; i++) {
      assertProblem(login("ada@example.com", "wrong password"), 401);
    }
    assertJson(login("ada@example.com", PASSWORD), 200);
  }

  @Test
  void anEmailLongerThanAnyAccountIs400() {
    assertEquals(List.of("email"), invalidParamNames(assertProblem(login("a".repeat(250) + "@x.io", PASSWORD), 400)));
  }

  @Test
  void emptyBodyIs400() {
    assertProblem(Lambda.invoke(handler, Requests.json(""), null), 400);
  }
}
