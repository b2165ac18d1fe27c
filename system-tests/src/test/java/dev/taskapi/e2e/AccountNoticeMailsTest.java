package dev.taskapi.e2e;

import static dev.taskapi.e2e.AccountEndpointsTest.changePassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ASVS 2.2.3 over the local stack: the account is mailed, through the functions' SES client and the local SES
 * endpoint (IAM-checked: each function may send only as the template's sender), when its password is changed or
 * reset and when a refresh token's reuse ends a session. No mail holds a token, a password or a link.
 */
class AccountNoticeMailsTest {
  private final LocalApi local = LocalApi.shared();
  private final ApiClient api = local.client();
  private final Mailbox mailbox = new Mailbox(local.stack().runtime().mailDir());

  private static void assertNotice(List<String> mails, String subject, String... secrets) {
    List<String> notices = mails.stream().filter(mail -> mail.contains("Subject: " + subject)).toList();
    assertEquals(1, notices.size(), "one notice \"" + subject + "\" in " + mails.size() + " mails");
    String mail = notices.getFirst();
    assertTrue(mail.contains("From: no-reply@taskapi.local"), mail);
    assertFalse(mail.contains("token=") || mail.contains("href="), "no link: " + mail);
    for (String secret : secrets) {
      assertFalse(mail.contains(secret), "no secret or token in the notice");
    }
  }

  @Test
  void aPasswordChangeIsMailedToTheAccount() {
    Account ada = api.newAccount();

    Response changed = changePassword(api, ada, ada.password(), "a brand new passphrase");

    assertEquals(200, changed.status(), changed.text());
    assertNotice(mailbox.messagesTo(ada.email()), "Your Task API password was changed", ada.password(),
        "a brand new passphrase", ada.token(), changed.json().path("token").asText(),
        changed.json().path("refresh_token").asText());
  }

  @Test
  void aPasswordResetIsMailedToTheAccount() {
    Account ada = api.newAccount();
    assertEquals(202, api.post("/auth/password-reset", Map.of("email", ada.email())).status());
    String token = mailbox.resetToken(ada.email());

    Response reset = api.post("/auth/password-reset/confirm",
        Map.of("token", token, "new_password", "a brand new passphrase"));

    assertEquals(200, reset.status(), reset.text());
    assertNotice(mailbox.messagesTo(ada.email()), "Your Task API password was reset", token,
        "a brand new passphrase", reset.json().path("refresh_token").asText());
  }

  @Test
  void aSessionEndedByARefreshTokensReuseIsMailedOnce() {
    Account ada = api.newAccount();
    String used = api.login(ada.email(), ada.password()).json().path("refresh_token").asText();
    Response rotated = api.refresh(used);
    assertEquals(200, rotated.status(), rotated.text());
    assertTrue(mailbox.messagesTo(ada.email()).isEmpty(), "a refresh alone mails nothing");

    assertEquals(401, api.refresh(used).status());
    assertEquals(401, api.refresh(used).status()); // the session is already ended: nothing more to tell

    assertNotice(mailbox.messagesTo(ada.email()), "A Task API sign-in was ended for your safety", used,
        rotated.json().path("refresh_token").asText());
  }
}
