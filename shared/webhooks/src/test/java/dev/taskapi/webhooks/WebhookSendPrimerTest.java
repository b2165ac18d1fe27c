package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The priming delivery goes as far as the connection, which nothing on the loopback port 1 accepts. */
class WebhookSendPrimerTest {
  @Test
  void thePrimingSendIsRefusedAtTheConnectionSoNothingIsDelivered() {
    DeliveryOutcome outcome = new WebhookSendPrimer(WebhookSender.standard()).prime();

    assertFalse(outcome.delivered());
    assertEquals(Optional.of("could not connect to the receiver"), outcome.error());
  }
}
