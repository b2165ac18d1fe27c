package dev.taskapi.deletewebhook;

import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.WebhookStore;
import java.util.Map;

/**
 * {@code DELETE /webhooks/{webhook_id}}: deletes one of the caller's webhooks, 204 with no body; a webhook that is
 * absent, someone else's or deleted already is a 404. Its secret goes with its item.
 */
public final class DeleteWebhookHandler extends ApiHandler {
  private final WebhookStore webhooks;

  /** Lambda's entry point: production wiring from the function's environment. */
  public DeleteWebhookHandler() {
    Services services = Services.fromEnvironment();
    this(services.webhookStore(), services.cors());
  }

  public DeleteWebhookHandler(WebhookStore webhooks, Cors cors) {
    super(cors);
    this.webhooks = webhooks;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String webhookId = TaskIds.canonical("webhook_id", request.pathParameter("webhook_id").orElse(null));
    if (!webhooks.delete(request.userId(), webhookId)) {
      throw NotFoundException.noSuchWebhook();
    }
    return new ApiResponse(204, new ApiResponse.Text(""), Map.of());
  }
}
