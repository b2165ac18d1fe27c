package dev.taskapi.e2e;

import static dev.taskapi.e2e.AuthEndpointsTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A password reset end to end, as a user does it: ask for the mail, read it in the local mailbox (the SES endpoint
 * the function's SDK client sends to), open the link's token with a new password, and be signed in.
 */
class PasswordResetEndpointsTest {
  private final LocalApi local = LocalApi.shared();
  private final ApiClient api = local.client();
  private final Mailbox mailbox = new Mailbox(local.stack().runtime().mailDir());

  @Test
  void theMailedLinkSetsANewPasswordAndSignsIn() {
    Account ada = api.newAccount();

    Response requested = api.post("/auth/password-reset", Map.of("email", ada.email().toUpperCase()));

    assertEquals(202, requested.status(), requested.text());
    String mail = mailbox.messagesTo(ada.email()).getLast();
    assertTrue(mail.contains("Subject: Reset your Task API password"), mail);
    assertTrue(mail.contains("Content-Type: multipart/alternative"), mail);
    assertTrue(mail.contains("Content-Type: text/plain; charset=UTF-8"), mail);
    assertTrue(mail.contains("Content-Type: text/html; charset=UTF-8"), mail);
    assertTrue(mail.contains("From: no-reply@taskapi.local"), mail);
    // The template's PasswordResetUrl, the token in the fragment: no browser sends it to a server or in Referer.
    assertTrue(mail.contains("http://localhost:3000/reset-password#token="), mail);
    assertFalse(mail.contains("?token="), mail);

    Response confirmed = api.post("/auth/password-reset/confirm",
        Map.of("token", mailbox.resetToken(ada.email()), "new_password", "a brand new passphrase"));

    assertEquals(200, confirmed.status(), confirmed.text());
    assertEquals("Password reset", confirmed.json().path("message").asText());
    assertEquals(ada.id(), confirmed.json().path("user").path("id").asText());
    assertEquals(401, api.login(ada.email(), ada.password()).status());
    assertEquals(200, api.login(ada.email(), "a brand new passphrase").status());
  }

  @Test
  void anUnknownAddressGetsTheSame202AndNoMail() {
    String nobody = "nobody-" + java.util.UUID.randomUUID() + "@example.com";
    Response answer = api.post("/auth/password-reset", Map.of("email", nobody));
    assertEquals(202, answer.status(), answer.text());
    assertEquals(List.of(), mailbox.messagesTo(nobody));
  }

  @Test
  void badRequestsAre400() {
    assertProblem(api.post("/auth/password-reset", Map.of()), 400);
    assertProblem(api.post("/auth/password-reset/confirm", Map.of("token", "x")), 400);
    assertProblem(api.post("/auth/password-reset/confirm", Map.of("token", "x", "new_password", "long enough")), 400);
  }
}
