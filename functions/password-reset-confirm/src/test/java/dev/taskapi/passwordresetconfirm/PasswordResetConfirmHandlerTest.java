package dev.taskapi.passwordresetconfirm;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.auth.OpaqueTokens;
import dev.taskapi.auth.ResetTokens;
import dev.taskapi.auth.Sessions;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.PasswordReset;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.passwordstrength.PasswordStrength;
import dev.taskapi.testing.InMemoryPasswordResetStore;
import dev.taskapi.testing.InMemorySessionStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.ManualClock;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestAccounts;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestPasswords;
import dev.taskapi.testing.TestSessions;
import java.time.Duration;
import java.util.List;
import dev.taskapi.mail.AccountNotices;
import dev.taskapi.mail.Mail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordResetConfirmHandlerTest {
  private static final PasswordStrength STRENGTH = new PasswordStrength();
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemoryPasswordResetStore resets = new InMemoryPasswordResetStore();
  private final ManualClock clock = new ManualClock(TestCrypto.NOW);
  private final PasswordHasher hasher = TestPasswords.fastHasher();
  private final Sessions sessions = TestSessions.sessions(users, new InMemorySessionStore(), clock);
  private final List<Mail> mailed = new java.util.ArrayList<>();
  private final PasswordResetConfirmHandler handler = new PasswordResetConfirmHandler(
      resets, users, hasher, STRENGTH, sessions, new AccountNotices(mailed::add), clock, Cors.none());
  private User ada;

  @BeforeEach
  void register() {
    ada = new User("user-ada", "Ada", "ada@example.com", hasher.hash("old passphrase"), TestCrypto.NOW);
    users.create(ada);
  }

  private String mailedToken() {
    String token = ResetTokens.issue(ada.id());
    resets.create(new PasswordReset(OpaqueTokens.hash(token), ada.id(), ada.email(), stored().tokenVersion(),
        clock.instant().plus(Duration.ofMinutes(30))));
    return token;
  }

  private APIGatewayProxyResponseEvent confirm(String token, String password) {
    return Lambda.invoke(handler, 
        Requests.json("{\"token\":\"" + token + "\",\"new_password\":\"" + password + "\"}"), null);
  }

  private User stored() {
    return users.findByEmail(ada.email()).orElseThrow();
  }

  @Test
  void aMailedTokenSetsTheNewPasswordRevokesEverySessionAndSignsIn() {
    String before = sessions.start("Signed in", ada).refreshToken();
    JsonNode body = assertJson(confirm(mailedToken(), "a brand new passphrase"), 200);

    assertEquals(List.of("message", "user", "token", "refresh_token", "expires_in"), fieldNames(body));
    assertEquals("Password reset", body.get("message").asText());
    assertTrue(hasher.verify("a brand new passphrase", stored().passwordHash()));
    assertEquals(1, stored().tokenVersion());
    assertThrows(AuthenticationFailedException.class, () -> sessions.refresh(before));
    sessions.refresh(body.get("refresh_token").asText());
    assertEquals(List.of(ada.email()), mailed.stream().map(Mail::to).toList(), "the account is told (ASVS 2.2.3)");
    assertTrue(mailed.getFirst().subject().contains("password was reset"), mailed.getFirst().subject());
  }

  @Test
  void aTokenWorksOnceAndUnknownExpiredOrVoidedTokensGetTheSame400() {
    String token = mailedToken();
    assertJson(confirm(token, "a brand new passphrase"), 200);

    String used = assertProblem(confirm(token, TestAccounts.NEW_PASSWORD), 400).toString();
    String unknown = assertProblem(confirm(OpaqueTokens.secret(), TestAccounts.NEW_PASSWORD), 400).toString();
    String expired = mailedToken(); // issued at version 1, now current
    clock.advance(Duration.ofMinutes(30));
    String late = assertProblem(confirm(expired, TestAccounts.NEW_PASSWORD), 400).toString();
    String voided = ResetTokens.issue(ada.id());
    resets.create(new PasswordReset(OpaqueTokens.hash(voided), ada.id(), ada.email(), 0,
        clock.instant().plus(Duration.ofMinutes(30)))); // issued before the reset above raised the version
    String stale = assertProblem(confirm(voided, TestAccounts.NEW_PASSWORD), 400).toString();
    String huge = assertProblem(confirm("x".repeat(300), TestAccounts.NEW_PASSWORD), 400).toString();

    assertEquals(1, List.of(used, unknown, late, stale, huge).stream().distinct().count());
    assertTrue(hasher.verify("a brand new passphrase", stored().passwordHash()));
  }

  @Test
  void anInvalidNewPasswordIs400AndLeavesTheTokenUsable() {
    String token = mailedToken();
    assertEquals(List.of("new_password"), invalidParamNames(assertProblem(confirm(token, "short"), 400)));
    assertJson(confirm(token, "a brand new passphrase"), 200);
  }

  @Test
  void anElevenCharacterOrBreachedNewPasswordIs400AndLeavesTheTokenUsable() {
    // ASVS 2.1.1 and 2.1.7: refused before the token is spent.
    String token = mailedToken();
    assertEquals(List.of("new_password"), invalidParamNames(assertProblem(confirm(token, "kD8#pQ2!zR7"), 400)));
    assertEquals(List.of("new_password"), invalidParamNames(assertProblem(confirm(token, "iloveyou2024"), 400)));
    assertEquals(ada, stored());
    assertJson(confirm(token, "a brand new passphrase"), 200);
  }
}
