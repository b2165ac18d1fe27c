package dev.taskapi.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.testing.EmfSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountNoticesTest {
  private static final String TO = "ada@example.com";

  @Test
  void eachNoticeGoesToTheAccountWithoutLinkOrToken() {
    List<Mail> sent = new ArrayList<>();
    AccountNotices notices = new AccountNotices(sent::add);

    notices.passwordChanged(TO);
    notices.passwordReset(TO);
    notices.sessionEndedOnReuse(TO);

    assertEquals(List.of(AccountNotices.PASSWORD_CHANGED, AccountNotices.PASSWORD_RESET, AccountNotices.SESSION_ENDED),
        sent.stream().map(Mail::subject).toList());
    for (Mail mail : sent) {
      assertEquals(TO, mail.to());
      assertFalse(mail.text().contains("http") || mail.html().contains("href"), "no link: " + mail.text());
      assertFalse(mail.toString().contains(TO), "its string form names no address");
    }
  }

  @Test
  void aFailedSendIsLoggedAndCountedAndNeverThrown() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AccountNotices notices = new AccountNotices(mail -> {
      throw new IllegalStateException("SES refused " + mail.to());
    }, new PrintStream(log, true, StandardCharsets.UTF_8));

    notices.passwordChanged(TO);

    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.getFirst().endsWith("IllegalStateException"), lines.getFirst());
    assertFalse(log.toString(StandardCharsets.UTF_8).contains(TO), "the address is not logged");
    JsonNode metric = new ObjectMapper().readTree(lines.get(1));
    assertEquals(List.of(), EmfSpec.violations(metric));
    assertEquals(1, metric.path(AccountNotices.NOT_SENT_METRIC).asInt());
  }
}
