package dev.taskapi.store;

import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.InMemoryWebhookStore;
import dev.taskapi.testing.WebhookStoreContract;

/** The fake the handler tests use keeps the webhook store's contract. */
class InMemoryWebhookStoreContractTest extends WebhookStoreContract {
  InMemoryWebhookStoreContractTest() {
    InMemoryUserStore accounts = new InMemoryUserStore();
    super(new InMemoryWebhookStore(accounts), accounts);
  }
}
