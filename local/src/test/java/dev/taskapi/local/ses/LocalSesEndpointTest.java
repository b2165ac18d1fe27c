package dev.taskapi.local.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.config.Environment;
import dev.taskapi.local.ProjectStack;
import dev.taskapi.store.dynamodb.AwsClientSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The local SES endpoint with the project's template, called by the AWS SDK's SES v2 client as the password-reset
 * function calls it (its own credentials, real SigV4): a Simple SendEmail becomes an RFC 5322 .eml file and one
 * log line, only the sender identity is granted, and bad input or credentials get SES v2's errors.
 */
class LocalSesEndpointTest {
  private static final String SENDER = "no-reply@taskapi.local";
  @RegisterExtension
  static final ProjectStack stack = new ProjectStack("taskapi-ses-");

  /** A client as the functions build theirs. */
  private static SesV2Client clientOf(Map<String, String> variables) {
    Environment env = new Environment(variables);
    return SesV2Client.builder()
        .region(Region.of(env.required("AWS_REGION")))
        .credentialsProvider(AwsClientSettings.credentials(env))
        .httpClient(AwsClientSettings.httpClient())
        .endpointOverride(URI.create(env.required("SES_ENDPOINT")))
        .build();
  }

  private static SendEmailRequest mail(String from, String to) {
    return SendEmailRequest.builder()
        .fromEmailAddress(from)
        .destination(d -> d.toAddresses(to))
        .content(c -> c.simple(m -> m
            .subject(s -> s.data("Reset your Task API password").charset("UTF-8"))
            .body(b -> b.text(t -> t.data("Open http://localhost:3000/reset-password#token=secret-token\n"))
                .html(h -> h.data("<p><a href=\"http://localhost:3000/reset-password#token=secret-token\">Reset"
                    + "</a></p>")))))
        .build();
  }

  private static List<Path> mails() throws Exception {
    try (Stream<Path> files = Files.list(stack.runtime().mailDir())) {
      return files.sorted().toList();
    }
  }

  @Test
  void aSimpleMessageFromTheSenderIsWrittenAsAnEmlFileAndLoggedWithoutItsBody() throws Exception {
    int before = mails().size();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    String messageId;
    try (SesV2Client ses = clientOf(stack.env("PasswordResetFunction"))) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      messageId = ses.sendEmail(mail(SENDER, "ada@example.com")).messageId();
    } finally {
      System.setErr(originalErr);
    }

    List<Path> after = mails();
    assertEquals(before + 1, after.size());
    Path file = after.stream().filter(f -> f.getFileName().toString().contains(messageId)).findFirst().orElseThrow();
    String eml = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(eml.startsWith("Date: "), eml);
    for (String header : List.of("From: " + SENDER, "To: ada@example.com", "Subject: Reset your Task API password",
        "Message-ID: <" + messageId + "@email.amazonses.com>", "MIME-Version: 1.0",
        "Content-Type: multipart/alternative; boundary=", "Content-Type: text/plain; charset=UTF-8",
        "Content-Type: text/html; charset=UTF-8")) {
      assertTrue(eml.contains("\r\n" + header), header);
    }
    assertTrue(eml.indexOf("text/plain") < eml.indexOf("text/html"), "the preferred, HTML, part last");
    assertFalse(eml.replace("\r\n", "").contains("\n"), "every line ends in CRLF (RFC 5322)");
    assertTrue(eml.contains("token=secret-token\r\n"));
    String logged = log.toString(StandardCharsets.UTF_8);
    assertEquals(List.of("Mail: to=ada@example.com subject=\"Reset your Task API password\" file=" + file),
        logged.lines().filter(l -> l.startsWith("Mail:")).toList());
    assertFalse(logged.contains("secret-token"), "the body, and so the token, is never logged");
  }

  @Test
  void everyMailAndTheMailFolderAreTheOwnersAlone() throws Exception {
    // Each mail holds a live reset link: no other user of the machine may read it.
    try (SesV2Client ses = clientOf(stack.env("PasswordResetFunction"))) {
      ses.sendEmail(mail(SENDER, "ada@example.com"));
    }

    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.runtime().mailDir())));
    for (Path file : mails()) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }
  }

  @Test
  void onlyTheSendersIdentityIsGrantedAndOnlyToThePasswordResetFunction() {
    try (SesV2Client reset = clientOf(stack.env("PasswordResetFunction"));
         SesV2Client login = clientOf(stack.env("LoginFunction"))) {
      // SES v2's model has no class for it: the SDK's generic exception with the error type's code.
      AwsServiceException otherSender = assertThrows(AwsServiceException.class,
          () -> reset.sendEmail(mail("ceo@taskapi.local", "ada@example.com")));
      assertEquals(403, otherSender.statusCode());
      assertEquals("AccessDeniedException", otherSender.awsErrorDetails().errorCode());
      assertTrue(otherSender.getMessage().contains("ses:SendEmail"), otherSender.getMessage());
      assertTrue(otherSender.getMessage().contains("identity/ceo@taskapi.local"), otherSender.getMessage());
      AwsServiceException otherFunction = assertThrows(AwsServiceException.class,
          () -> login.sendEmail(mail(SENDER, "ada@example.com")));
      assertEquals("AccessDeniedException", otherFunction.awsErrorDetails().errorCode());
    }
  }

  @Test
  void invalidInputIsBadRequestAndForeignCredentialsAreRefused() {
    try (SesV2Client reset = clientOf(stack.env("PasswordResetFunction"))) {
      BadRequestException noRecipient = assertThrows(BadRequestException.class, () -> reset.sendEmail(
          mail(SENDER, "x").toBuilder().destination(d -> d.toAddresses(List.of())).build()));
      assertEquals(400, noRecipient.statusCode());
      assertThrows(BadRequestException.class, () -> reset.sendEmail(
          mail(SENDER, "ada@example.com").toBuilder().content(c -> c.raw(r -> r.data(
              software.amazon.awssdk.core.SdkBytes.fromUtf8String("raw")))).build()));
    }
    Map<String, String> forged = new HashMap<>(stack.env("PasswordResetFunction"));
    forged.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    try (SesV2Client wrongKey = clientOf(forged)) {
      AwsServiceException refused = assertThrows(AwsServiceException.class,
          () -> wrongKey.sendEmail(mail(SENDER, "ada@example.com")));
      assertEquals(403, refused.statusCode());
      assertEquals("InvalidSignatureException", refused.awsErrorDetails().errorCode());
    }
  }
}
