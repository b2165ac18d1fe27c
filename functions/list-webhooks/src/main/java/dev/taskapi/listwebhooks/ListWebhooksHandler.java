package dev.taskapi.listwebhooks;

import dev.taskapi.api.WebhookView;
import dev.taskapi.api.WebhooksResponse;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.WebhookStore;

/**
 * {@code GET /webhooks}: all the caller's webhooks in creation order, in one page (an account has at most 10), each
 * with its delivery failures and never with its secret.
 */
public final class ListWebhooksHandler extends ApiHandler {
  private final WebhookStore webhooks;

  /** Lambda's entry point: production wiring from the function's environment. */
  public ListWebhooksHandler() {
    Services services = Services.fromEnvironment();
    this(services.webhookStore(), services.cors());
  }

  public ListWebhooksHandler(WebhookStore webhooks, Cors cors) {
    super(cors);
    this.webhooks = webhooks;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return ApiResponse.ok(
        new WebhooksResponse(webhooks.all(request.userId()).stream().map(WebhookView::of).toList()));
  }
}
