package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a receiver on loopback, which checks each delivery with the Standard Webhooks library. */
class WebhookSenderTest {
  private final WebhookSender sender = new WebhookSender(
      (SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(2), Duration.ofSeconds(2));
  private final String secret = WebhookSecret.generate();
  private volatile int answer = 204;
  /** Answers {@link #answer} to what the Standard Webhooks library verifies, 401 to anything else. */
  private final LoopbackReceiver server = LoopbackReceiver.start(delivery -> {
    try {
      new Webhook(secret).verify(delivery.body(), delivery.headers());
      return answer;
    } catch (Exception e) {
      return 401;
    }
  });

  @AfterEach
  void stop() {
    server.close();
  }

  private PinnedReceiver receiver(InetAddress address) {
    return new PinnedReceiver(URI.create(server.url("receiver.test") + "?a=b"), "receiver.test", server.port(), false,
        address);
  }

  private WebhookMessage message() {
    return WebhookMessage.of("webhook.test", WebhookSignatureTest.UUID_W1, Instant.now());
  }

  @Test
  void aSignedDeliveryReachesThePinnedAddressAndVerifies() {
    WebhookMessage message = message();

    DeliveryOutcome outcome = sender.send(receiver(InetAddress.getLoopbackAddress()), message, secret);

    assertEquals(new DeliveryOutcome(true, OptionalInt.of(204), java.util.Optional.empty()), outcome);
    Map<String, List<String>> headers = server.received().getFirst().headers();
    assertEquals(List.of(message.id()), headers.get("webhook-id"));
    assertEquals(List.of("receiver.test:" + server.port()), headers.get("host"));
  }

  @Test
  void aRedirectIsNotFollowedAndAnErrorIsTheReceiversNotOurs() {
    answer = 302;
    DeliveryOutcome redirect = sender.send(receiver(InetAddress.getLoopbackAddress()), message(), secret);
    assertFalse(redirect.delivered());
    assertEquals(OptionalInt.of(302), redirect.status());
    assertTrue(redirect.error().orElseThrow().contains("redirects are not followed"));

    answer = 500;
    assertEquals("the receiver answered 500",
        sender.send(receiver(InetAddress.getLoopbackAddress()), message(), secret).error().orElseThrow());
  }

  @Test
  void aReceiverThatIsNotThereIsAnUndeliveredOutcome() throws Exception {
    int port = server.port();
    server.close();

    DeliveryOutcome outcome = sender.send(receiver(InetAddress.getLoopbackAddress()), message(), secret);

    assertFalse(outcome.delivered());
    assertEquals(OptionalInt.empty(), outcome.status());
    assertEquals("could not connect to the receiver", outcome.error().orElseThrow(), "port " + port);
  }
}
