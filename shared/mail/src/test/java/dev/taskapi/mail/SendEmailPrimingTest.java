package dev.taskapi.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.taskapi.config.Environment;
import dev.taskapi.snapstart.Priming;
import dev.taskapi.testing.StandardError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of {@code SendEmail} never sends mail: the function's SES client refuses every request while
 * priming, after marshalling and signing it and before anything leaves the function; the same mail goes out when
 * not priming. The endpoint is a plain HTTP server standing for SES, which counts what reaches it.
 */
class SendEmailPrimingTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer ses;
  private SesMailer mailer;

  @BeforeEach
  void sesThatAcceptsEveryMail() throws IOException {
    ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ses.createContext("/", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = "{\"MessageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    ses.start();
    mailer = SesMailer.fromEnvironment(new Environment(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "SES_ENDPOINT", "http://127.0.0.1:" + ses.getAddress().getPort(),
        SesMailer.SENDER_VARIABLE, "no-reply@example.com")));
  }

  @AfterEach
  void stop() {
    ses.stop(0);
  }

  @Test
  void aMailWhilePrimingIsRefusedBeforeItIsSent() {
    Mail mail = new Mail("ada@example.com", "Subject", "text", "<p>html</p>");

    assertThrows(RuntimeException.class, () -> Priming.run(() -> mailer.send(mail)));
    assertEquals(List.of(), received, "nothing reached SES while priming");

    mailer.send(mail);
    // At least once: on a loaded machine the JVM's first SendEmail may outlast its attempt timeout and be retried.
    assertFalse(received.isEmpty(), "the same mail goes out when not priming");
  }

  @Test
  void thePrimerMeetsTheRefusalAndSendsNothing() {
    String warnings = StandardError.during(() -> new SendEmailPrimer(mailer).beforeCheckpoint(null));

    assertEquals(List.of(), received);
    assertEquals("", warnings, "the refusal it expects, nothing else");
  }
}
