package dev.taskapi.webhooks;

import dev.taskapi.snapstart.Priming;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import org.crac.Context;
import org.crac.Resource;

/**
 * Before a SnapStart snapshot, runs one signed delivery through the function's {@link WebhookSender} to a loopback
 * port nothing listens on: the message's signing and HttpClient's request, connection manager, pinned resolver and
 * connect path are then in the snapshot, where the first send after every restore would otherwise load them
 * (docs/benchmarks.md). The connection is refused before a byte is sent; no receiver of anyone's is contacted,
 * and no SSRF check is bypassed for a user's URL (this receiver is built here, never from input).
 */
public final class WebhookSendPrimer implements Resource {
  /** Port 1 (tcpmux): nothing listens there, on Lambda's sandbox or here, so the connection is refused at once. */
  static final PinnedReceiver NOBODY =
      new PinnedReceiver(URI.create("http://127.0.0.1:1/"), "127.0.0.1", 1, false, InetAddress.getLoopbackAddress());

  private final WebhookSender sender;

  WebhookSendPrimer(WebhookSender sender) {
    this.sender = sender;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    Priming.run(() -> {
      DeliveryOutcome outcome = prime();
      if (outcome.delivered()) {
        System.err.println("WARN priming webhook send reached a receiver on the loopback port 1");
      }
    });
  }

  /** The priming delivery's outcome: refused, as nothing listens on its port. */
  DeliveryOutcome prime() {
    WebhookMessage message = WebhookMessage.of("webhook.priming", json -> {
      json.writeStartObject();
      json.writeEndObject();
    }, Instant.now());
    return sender.send(NOBODY, message, WebhookSecret.generate());
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: every send opens its own connection.
  }
}
