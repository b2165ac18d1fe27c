package dev.taskapi.testwebhook;

import dev.taskapi.api.WebhookTestResponse;
import dev.taskapi.api.WebhookView;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.Webhook;
import dev.taskapi.domain.WebhookEvents;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.WebhookStore;
import dev.taskapi.webhooks.DeliveryOutcome;
import dev.taskapi.webhooks.PinnedReceiver;
import dev.taskapi.webhooks.ReceiverPolicy;
import dev.taskapi.webhooks.ReceiverRefusedException;
import dev.taskapi.webhooks.WebhookMessage;
import dev.taskapi.webhooks.WebhookSender;
import java.time.Clock;

/**
 * {@code POST /webhooks/{webhook_id}/test}: sends one signed {@code webhook.test} event, whose {@code data} is the
 * webhook as {@code GET /webhooks} shows it, to the webhook's URL, now, once (no retry), and answers 200 with the
 * outcome: {@code delivered}, the receiver's status, the error. The URL passes the SSRF guard again first (its host
 * resolved anew; the connection goes to the address checked); a refusal is an undelivered outcome, not a 4xx: the
 * webhook is as registered, it is where its name now points that is refused. A delivered test ends the webhook's
 * run of failed deliveries and enables it again if that run had disabled it: the owner has shown the receiver is
 * back.
 */
public final class TestWebhookHandler extends ApiHandler {
  private final WebhookStore webhooks;
  private final ReceiverPolicy receivers;
  private final WebhookSender sender;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public TestWebhookHandler() {
    Services services = Services.fromEnvironment();
    this(services.webhookStore(), ReceiverPolicy.fromEnvironment(Environment.current()),
        WebhookSender.primedForSnapStart(), services.clock(), services.cors());
  }

  public TestWebhookHandler(
      WebhookStore webhooks, ReceiverPolicy receivers, WebhookSender sender, Clock clock, Cors cors) {
    super(cors);
    this.webhooks = webhooks;
    this.receivers = receivers;
    this.sender = sender;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String webhookId = TaskIds.canonical("webhook_id", request.pathParameter("webhook_id").orElse(null));
    Webhook webhook =
        webhooks.find(request.userId(), webhookId).orElseThrow(NotFoundException::noSuchWebhook);
    WebhookMessage message = WebhookMessage.of(WebhookEvents.TEST, WebhookView.of(webhook), clock.instant());
    PinnedReceiver receiver;
    try {
      receiver = receivers.check(webhook.url());
    } catch (ReceiverRefusedException e) {
      return ApiResponse.ok(new WebhookTestResponse(false, null, "refused: the URL " + e.reason(), message.id()));
    }
    DeliveryOutcome outcome = sender.send(receiver, message, webhook.secret());
    if (outcome.delivered() && (webhook.consecutiveFailures() > 0 || !webhook.enabled())) {
      webhooks.recordDelivery(webhook.userId(), webhook.id());
    }
    return ApiResponse.ok(new WebhookTestResponse(outcome.delivered(),
        outcome.status().isPresent() ? outcome.status().getAsInt() : null, outcome.error().orElse(null),
        message.id()));
  }
}
