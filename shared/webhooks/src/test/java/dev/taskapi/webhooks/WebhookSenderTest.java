package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a JDK HttpServer on loopback, which checks each delivery with the Standard Webhooks library. */
class WebhookSenderTest {
  private final HttpServer server = start();
  private final AtomicReference<Map<String, List<String>>> received = new AtomicReference<>();
  private final AtomicReference<String> receivedPath = new AtomicReference<>();
  private final WebhookSender sender = new WebhookSender(
      (SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(2), Duration.ofSeconds(2));
  private final String secret = WebhookSecret.generate();
  private volatile int answer = 204;

  private HttpServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext("/", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        // The library looks its headers up by their lower-case names; HttpServer capitalises them.
        Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
            .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        try {
          new Webhook(secret).verify(body, headers);
          received.set(headers);
          receivedPath.set(exchange.getRequestURI().toString());
          exchange.getResponseHeaders().add("Location", "http://169.254.169.254/");
          exchange.sendResponseHeaders(answer, -1);
        } catch (Exception e) {
          exchange.sendResponseHeaders(401, -1);
        }
        exchange.close();
      });
      http.start();
      return http;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private PinnedReceiver receiver(InetAddress address) {
    int port = server.getAddress().getPort();
    return new PinnedReceiver(URI.create("http://receiver.test:" + port + "/hook?a=b"), "receiver.test", port, false,
        address);
  }

  private WebhookMessage message() {
    return WebhookMessage.of("webhook.test", JsonNodeFactory.instance.objectNode().put("uuid", "w1"), Instant.now());
  }

  @Test
  void aSignedDeliveryReachesThePinnedAddressAndVerifies() {
    WebhookMessage message = message();

    DeliveryOutcome outcome = sender.send(receiver(InetAddress.getLoopbackAddress()), message, secret);

    assertEquals(new DeliveryOutcome(true, OptionalInt.of(204), java.util.Optional.empty()), outcome);
    assertEquals(List.of(message.id()), received.get().get("webhook-id"));
    assertEquals(List.of("receiver.test:" + server.getAddress().getPort()), received.get().get("host"));
    assertEquals("/hook?a=b", receivedPath.get());
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
    int port = server.getAddress().getPort();
    server.stop(0);

    DeliveryOutcome outcome = sender.send(receiver(InetAddress.getLoopbackAddress()), message(), secret);

    assertFalse(outcome.delivered());
    assertEquals(OptionalInt.empty(), outcome.status());
    assertEquals("could not connect to the receiver", outcome.error().orElseThrow(), "port " + port);
  }
}
