package dev.taskapi.login;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.auth.PasswordHasher;
import dev.taskapi.auth.TokenService;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginHandlerTest {
  private static final String USER_ID = "6f1c0d2e-4b3a-4c5d-9e8f-0a1b2c3d4e5f";
  private static final String PASSWORD = "correct horse battery";

  private final InMemoryUserStore users = new InMemoryUserStore();
  private final PasswordHasher hasher = TestCrypto.fastHasher();
  private final TokenService tokens = TestCrypto.tokenService();
  private final LoginHandler handler = new LoginHandler(users, hasher, tokens, Cors.none());

  @BeforeEach
  void registerAda() {
    users.create(new User(USER_ID, "Ada", "Ada@Example.com", hasher.hash(PASSWORD), TestCrypto.NOW));
  }

  private APIGatewayProxyResponseEvent login(String email, String password) {
    return handler.handleRequest(
        Requests.json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), null);
  }

  @Test
  void correctCredentialsGiveAToken() {
    JsonNode body = assertJson(login("Ada@Example.com", PASSWORD), 200);
    assertEquals(List.of("message", "user", "token"), fieldNames(body));
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
    JsonNode problem = assertProblem(handler.handleRequest(Requests.json("{\"email\":\"ada@example.com\"}"), null), 400);
    assertEquals(List.of("password"), invalidParamNames(problem));
    assertEquals(List.of("email", "password"), invalidParamNames(assertProblem(handler.handleRequest(Requests.json("{}"), null), 400)));
  }

  @Test
  void nonStringPasswordIs400() {
    JsonNode problem =
        assertProblem(handler.handleRequest(Requests.json("{\"email\":\"ada@example.com\",\"password\":12345678}"), null), 400);
    assertEquals(List.of("password"), invalidParamNames(problem));
  }

  @Test
  void emptyBodyIs400() {
    assertProblem(handler.handleRequest(Requests.json(""), null), 400);
  }
}
