package dev.taskapi.createwebhook;

import dev.taskapi.api.NewWebhookRequest;
import dev.taskapi.api.WebhookCreatedResponse;
import dev.taskapi.api.WebhookView;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.Webhook;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.WebhookStore;
import dev.taskapi.webhooks.ReceiverPolicy;
import dev.taskapi.webhooks.ReceiverRefusedException;
import dev.taskapi.webhooks.WebhookSecret;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /webhooks}: registers a receiver URL for some of the event types, while the account exists and has
 * fewer than 10 webhooks (409 past it). The URL passes the SSRF guard now (its host resolved, every address
 * public) or the request is a 400 naming it; deliveries check it again. The 201 is the one answer that carries the
 * signing secret.
 */
public final class CreateWebhookHandler extends ApiHandler {
  private final WebhookStore webhooks;
  private final ReceiverPolicy receivers;
  private final Clock clock;
  private final TaskIds ids = new TaskIds();

  /** Lambda's entry point: production wiring from the function's environment. */
  public CreateWebhookHandler() {
    Services services = Services.fromEnvironment();
    this(services.webhookStore(), ReceiverPolicy.fromEnvironment(Environment.current()), services.clock(),
        services.cors());
  }

  public CreateWebhookHandler(WebhookStore webhooks, ReceiverPolicy receivers, Clock clock, Cors cors) {
    super(cors);
    this.webhooks = webhooks;
    this.receivers = receivers;
    this.clock = clock;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    NewWebhookRequest draft = NewWebhookRequest.parse(request.jsonObjectBody(), this::refusal);
    // A UUIDv7, as a list's: created_at is the instant it carries.
    String id = ids.next(clock.millis()).toString();
    Webhook webhook = Webhook.registered(id, request.userId(), draft.url(), draft.events(), draft.description(),
        WebhookSecret.generate(), TaskIds.createdAt(id));
    webhooks.create(webhook, request.callerEmail());
    return ApiResponse.created(
        new WebhookCreatedResponse("Webhook created", WebhookView.of(webhook), webhook.secret()));
  }

  private Optional<String> refusal(String url) {
    try {
      receivers.check(url);
      return Optional.empty();
    } catch (ReceiverRefusedException e) {
      return Optional.of(e.reason());
    }
  }
}
