package dev.taskapi.passwordreset;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.taskapi.auth.OpaqueTokens;
import dev.taskapi.auth.ResetTokens;
import dev.taskapi.domain.PasswordReset;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.mail.Mail;
import dev.taskapi.mail.Mailer;
import dev.taskapi.testing.InMemoryLoginStore;
import dev.taskapi.testing.InMemoryPasswordResetStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.ManualClock;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordResetHandlerTest {
  private static final String RESET_URL = "https://app.example.com/reset-password";

  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemoryPasswordResetStore resets = new InMemoryPasswordResetStore();
  private final List<Mail> sent = new ArrayList<>();
  private final ManualClock clock = new ManualClock(TestCrypto.NOW);
  private final User ada = new User("user-ada", "Ada", "Ada@Example.com", "$argon2id$hash", TestCrypto.NOW, 4);

  private PasswordResetHandler handler(Duration answerTime, Mailer mailer) {
    return new PasswordResetHandler(
        users, resets, new InMemoryLoginStore(), mailer, ResetLinks.of(RESET_URL), answerTime, clock, Cors.none());
  }

  private final PasswordResetHandler handler = handler(Duration.ZERO, sent::add);

  @BeforeEach
  void register() {
    users.create(ada);
  }

  private APIGatewayProxyResponseEvent reset(PasswordResetHandler target, String email) {
    return Lambda.invoke(target, Requests.json("{\"email\":\"" + email + "\"}"), null);
  }

  @Test
  void anAccountGetsOneMailWithASingleUseLinkWhoseTokenIsStoredOnlyAsItsHash() {
    assertEquals(PasswordResetHandler.ACCEPTED,
        assertJson(reset(handler, "ada@example.com"), 202).get("message").asText());

    assertEquals(1, sent.size());
    Mail mail = sent.getFirst();
    assertEquals("Ada@Example.com", mail.to());
    String link = mail.text().lines().filter(l -> l.startsWith(RESET_URL)).findFirst().orElseThrow();
    // In the fragment, which no browser sends to a server or in Referer; before, it was the query (?token=).
    assertTrue(link.startsWith(RESET_URL + "#token="), link);
    String token = link.substring((RESET_URL + "#token=").length());
    assertTrue(mail.html().contains("href=\"" + link + "\""), mail.html());
    assertEquals(Optional.of(new PasswordReset(OpaqueTokens.hash(token), ada.id(), ada.email(), 4,
        TestCrypto.NOW.plus(Duration.ofMinutes(30)))), resets.find(OpaqueTokens.hash(token)));
    assertFalse(mail.toString().contains(token));
    assertEquals(Optional.of(ada.id()), ResetTokens.userId(token), "it names its account, whose deletion finds it");
  }

  @Test
  void anUnknownAddressGetsTheSameAnswerAndNothingIsSentOrStored() {
    APIGatewayProxyResponseEvent known = reset(handler, "ada@example.com");
    APIGatewayProxyResponseEvent unknown = reset(handler, "nobody@example.com");

    assertEquals(known.getStatusCode(), unknown.getStatusCode());
    assertEquals(known.getBody(), unknown.getBody());
    assertEquals(known.getHeaders(), unknown.getHeaders());
    assertEquals(1, sent.size());
    assertEquals(1, resets.size());
  }

  @Test
  void beyondThreeMailsAnHourTheAnswerIsTheSameAndNothingIsSent() {
    for (int i = 0; i < 5; i++) {
      assertJson(reset(handler, i % 2 == 0 ? "ada@example.com" : "ADA@example.com"), 202);
    }
    assertEquals(3, sent.size());
    clock.advance(Duration.ofHours(1));
    assertJson(reset(handler, "ada@example.com"), 202);
    assertEquals(4, sent.size());
  }

  @Test
  void aFailedSendIsAnsweredTheSame() {
    PasswordResetHandler failing = handler(Duration.ZERO, mail -> {
      throw new IllegalStateException("SES refused");
    });
    assertJson(reset(failing, "ada@example.com"), 202);
  }

  @Test
  void everyAnswerTakesAtLeastTheAnswerTimeWithOrWithoutAnAccount() {
    PasswordResetHandler padded = handler(Duration.ofMillis(120), sent::add);
    for (String email : List.of("ada@example.com", "nobody@example.com")) {
      long start = System.nanoTime();
      assertJson(reset(padded, email), 202);
      assertTrue(System.nanoTime() - start >= Duration.ofMillis(120).toNanos(), email);
    }
  }

  @Test
  void aMissingOrOverlongEmailIs400() {
    assertEquals(List.of("email"), invalidParamNames(assertProblem(
        Lambda.invoke(handler, Requests.json("{}"), null), 400)));
    assertEquals(List.of("email"), invalidParamNames(assertProblem(reset(handler, "a".repeat(250) + "@x.io"), 400)));
    assertTrue(sent.isEmpty());
  }
}
