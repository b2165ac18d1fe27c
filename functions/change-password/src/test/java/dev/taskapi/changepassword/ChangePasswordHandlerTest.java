package dev.taskapi.changepassword;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.auth.TokenService;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.passwordstrength.PasswordStrength;
import dev.taskapi.testing.InMemoryLoginStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestAccounts;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestPasswords;
import dev.taskapi.testing.TestSessions;
import dev.taskapi.testing.TestTokens;
import java.util.List;
import java.util.Optional;
import dev.taskapi.mail.AccountNotices;
import dev.taskapi.mail.Mail;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangePasswordHandlerTest {
  private static final PasswordStrength STRENGTH = new PasswordStrength();
  private static final String NEW = TestAccounts.NEW_PASSWORD;

  private final InMemoryUserStore users = new InMemoryUserStore();
  private final PasswordHasher hasher = TestPasswords.fastHasher();
  private final TokenService tokens = TestTokens.tokenService();
  private final List<Mail> mailed = new ArrayList<>();
  private final ChangePasswordHandler handler = new ChangePasswordHandler(
          users, TestPasswords.passwordAttempts(new InMemoryLoginStore(), hasher), hasher, STRENGTH,
          TestSessions.sessions(users), new AccountNotices(mailed::add), Cors.none());
  private User ada;

  @BeforeEach
  void seed() {
    ada = new User("user-ada", "Ada", "ada@example.com", hasher.hash("correct horse"), TestCrypto.NOW);
    users.create(ada);
  }

  private APIGatewayProxyResponseEvent change(String body) {
    return Lambda.invoke(handler, Requests.asCaller(Requests.json(body), ada.id(), ada.email()), null);
  }

  private User stored() {
    return users.findByEmail(ada.email()).orElseThrow();
  }

  @Test
  void theRightPasswordChangesItAndAnswersATokenOfTheNextVersion() {
    JsonNode body = assertJson(change("{\"current_password\":\"correct horse\",\"new_password\":\"" + NEW + "\"}"), 200);

    assertEquals("Password changed", body.get("message").asText());
    assertEquals(ada.id(), body.get("user").get("id").asText());
    assertEquals(1, stored().tokenVersion());
    assertTrue(hasher.verify(NEW, stored().passwordHash()));
    TokenService.VerifiedToken token = tokens.verifyToken(body.get("token").asText());
    assertEquals(new TokenService.VerifiedToken(
        ada.id(), Optional.of(ada.email()), 1, Optional.of(token.sessionId().orElseThrow()), token.expiresAt()), token);
  }

  @Test
  void theAccountIsMailedThatItsPasswordChangedAndAFailedMailStillAnswersTheChange() {
    assertJson(change("{\"current_password\":\"correct horse\",\"new_password\":\"" + NEW + "\"}"), 200);
    assertEquals(List.of(ada.email()), mailed.stream().map(Mail::to).toList());
    assertTrue(mailed.getFirst().subject().contains("password was changed"), mailed.getFirst().subject());

    ChangePasswordHandler failingMail = new ChangePasswordHandler(users,
        TestPasswords.passwordAttempts(new InMemoryLoginStore(), hasher), hasher, STRENGTH, TestSessions.sessions(users),
        new AccountNotices(mail -> { throw new IllegalStateException("SES is down"); }, new java.io.PrintStream(
            java.io.OutputStream.nullOutputStream())), Cors.none());
    assertJson(Lambda.invoke(failingMail, Requests.asCaller(Requests.json(
        "{\"current_password\":\"" + NEW + "\",\"new_password\":\"" + TestAccounts.PASSWORD + "\"}"), ada.id(),
        ada.email()),
        null), 200);
    assertTrue(hasher.verify(TestAccounts.PASSWORD, stored().passwordHash()));
  }

  @Test
  void aWrongCurrentPasswordOrAnInvalidNewOneChangesNothing() {
    assertProblem(change("{\"current_password\":\"wrong horse\",\"new_password\":\"" + NEW + "\"}"), 403);
    JsonNode problem = assertProblem(change("{\"current_password\":\"correct horse\",\"new_password\":\"short\"}"), 400);
    assertEquals(List.of("new_password"), invalidParamNames(problem));
    assertEquals(List.of("current_password"), invalidParamNames(assertProblem(change("{\"new_password\":\"" + NEW + "\"}"), 400)));
    assertEquals(ada, stored());
  }

  @Test
  void aGuessableNewPasswordIs400BeforeTheCurrentOneIsCheckedSoItSpendsNoAttempt() {
    // ASVS 2.1.7. Wrong current passwords with a breached new one: each a 400 for new_password, none counted
    // against the account's 10 password checks (before: 10 × 403, then 429 for the owner too).
    for (int i = 0; i < 11; i++) {
      JsonNode problem = assertProblem(
          change("{\"current_password\":\"wrong horse " + i + "\",\"new_password\":\"password1234\"}"), 400);
      assertEquals(List.of("new_password"), invalidParamNames(problem));
    }
    // The account's own address is as guessable.
    assertProblem(change("{\"current_password\":\"correct horse\",\"new_password\":\"ada@example.com 2024\"}"),
        400);
    assertEquals(ada, stored());
    assertJson(change("{\"current_password\":\"correct horse\",\"new_password\":\"" + NEW + "\"}"), 200);
  }
}
