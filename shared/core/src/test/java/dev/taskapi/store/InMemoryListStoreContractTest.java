package dev.taskapi.store;

import dev.taskapi.testing.InMemoryListStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.ListStoreContract;

/** The fake the handler tests use keeps the list store's contract. */
class InMemoryListStoreContractTest extends ListStoreContract {
  InMemoryListStoreContractTest() {
    InMemoryUserStore accounts = new InMemoryUserStore();
    super(new InMemoryListStore(accounts), accounts);
  }
}
