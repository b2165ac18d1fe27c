package dev.taskapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.taskapi.config.Environment;
import dev.taskapi.mail.SesMailer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The warm baseline replays the password reset's SES SendEmail as well as its DynamoDB calls: the meter records it
 * (but counts no DynamoDB round trip for it), and the replay sends it, signed, to the function's SES endpoint.
 * The endpoint here is a loopback server answering as SendEmail does (SES API v2 Reference, "SendEmail": 200
 * {@code {"MessageId": ...}}); the local stack's own SES endpoint is LocalSesEndpointTest's.
 */
class WarmLatencyReplayTest {
  @Test
  void aSendEmailIsRecordedButNotCountedAsADynamoDbRoundTripAndIsReplayedSigned() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ses.createContext("/", exchange -> {
      authorizations.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"MessageId\":\"local-1\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    ses.start();
    Environment env = new Environment(Map.of("AWS_REGION", "eu-west-3", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "SES_ENDPOINT", "http://127.0.0.1:" + ses.getAddress().getPort(),
        "DYNAMODB_ENDPOINT", "http://127.0.0.1:1"));
    SendEmailRequest mail = SendEmailRequest.builder().fromEmailAddress("no-reply@taskapi.local")
        .destination(d -> d.toAddresses("ada@example.com"))
        .content(c -> c.simple(m -> m.subject(s -> s.data("Reset")).body(b -> b.text(t -> t.data("Link")))))
        .build();
    try (SesV2Client function = SesMailer.client(env); WarmLatency.Replay replay = new WarmLatency.Replay(env)) {
      RoundTripMeter.reset();
      function.sendEmail(mail);
      RoundTripMeter.Reading reading = RoundTripMeter.read();
      assertEquals(List.<SdkRequest>of(mail), reading.requests());
      assertEquals(0, reading.roundTrips(), "DynamoDB round trips only");

      assertTrue(replay.replay(reading.requests().getFirst()) > 0);
    } finally {
      ses.stop(0);
    }
    assertEquals(2, authorizations.size(), authorizations.toString());
    for (String authorization : authorizations) {
      assertTrue(authorization.startsWith("POST /v2/email/outbound-emails AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
          authorization);
      assertTrue(authorization.contains("/eu-west-3/ses/aws4_request"), authorization);
    }
  }
}
