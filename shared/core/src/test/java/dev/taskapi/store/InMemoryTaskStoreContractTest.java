package dev.taskapi.store;

import dev.taskapi.testing.InMemoryListStore;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.TaskStoreContract;

/** The fake the handler tests use keeps the task store's contract. */
class InMemoryTaskStoreContractTest extends TaskStoreContract {
  InMemoryTaskStoreContractTest() {
    InMemoryUserStore accounts = new InMemoryUserStore();
    InMemoryListStore lists = new InMemoryListStore(accounts);
    super(new InMemoryTaskStore(accounts, lists), accounts, lists);
  }
}
