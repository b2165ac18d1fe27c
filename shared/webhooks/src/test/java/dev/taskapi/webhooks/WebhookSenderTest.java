package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a receiver on loopback, which checks each delivery with the Standard Webhooks library. */
class WebhookSenderTest {
  private final WebhookSender sender = new WebhookSender(defaultTls(), Duration.ofSeconds(2), Duration.ofSeconds(2));
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

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
  void theClientsResolverAnswersTheReceiversHostWithThePinnedAddressOnly() throws Exception {
    InetAddress pinned = InetAddress.getByAddress("receiver.test", new byte[] {(byte) 203, 0, 113, 7});
    WebhookSender.PinnedResolver resolver = new WebhookSender.PinnedResolver(receiver(pinned));

    assertArrayEquals(new InetAddress[] {pinned}, resolver.resolve("RECEIVER.test"));
    assertThrows(UnknownHostException.class, () -> resolver.resolve("elsewhere.test"));
    assertThrows(UnknownHostException.class, () -> resolver.resolve("localhost"));
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

  @Test
  void aReceiverThatDribblesItsAnswerIsCutOffWhenTheReadTimeoutHasPassed() throws Exception {
    try (ServerSocket slow = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Each byte well inside the socket timeout (2 s), the whole status line well beyond it.
      Thread.startVirtualThread(() -> {
        try (Socket client = slow.accept()) {
          OutputStream out = client.getOutputStream();
          for (byte b : "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            Thread.sleep(400);
          }
        } catch (IOException | InterruptedException e) {
          // The sender hung up: what this test wants.
        }
      });
      PinnedReceiver pinned = new PinnedReceiver(URI.create("http://slow.test:" + slow.getLocalPort() + "/"),
          "slow.test", slow.getLocalPort(), false, InetAddress.getLoopbackAddress());
      long started = System.nanoTime();

      DeliveryOutcome outcome = sender.send(pinned, message(), secret);

      assertEquals("the receiver did not answer in time", outcome.error().orElseThrow());
      assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(4)) < 0,
          "cut off at the read timeout, not after the whole answer");
    }
  }

  @Test
  void aReceiverThatDoesNotSpeakTlsIsAFailedHandshake() throws Exception {
    try (ServerSocket plain = answering("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")) {
      PinnedReceiver pinned = new PinnedReceiver(URI.create("https://receiver.test:" + plain.getLocalPort() + "/"),
          "receiver.test", plain.getLocalPort(), true, InetAddress.getLoopbackAddress());

      assertEquals("the TLS handshake with the receiver failed",
          sender.send(pinned, message(), secret).error().orElseThrow());
    }
  }

  @Test
  void anAnswerThatIsNotHttpIsSaidSo() throws Exception {
    try (ServerSocket garbage = answering("SSH-2.0-OpenSSH_9.6\r\n")) {
      PinnedReceiver pinned = new PinnedReceiver(URI.create("http://receiver.test:" + garbage.getLocalPort() + "/"),
          "receiver.test", garbage.getLocalPort(), false, InetAddress.getLoopbackAddress());

      assertEquals("the receiver's answer is not HTTP", sender.send(pinned, message(), secret).error().orElseThrow());
    }
  }

  /** A loopback server that answers its first connection with {@code raw}, whatever it was sent, and hangs up. */
  private static ServerSocket answering(String raw) throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread.startVirtualThread(() -> {
      try (Socket client = server.accept()) {
        client.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // The sender hung up first.
      }
    });
    return server;
  }
}
