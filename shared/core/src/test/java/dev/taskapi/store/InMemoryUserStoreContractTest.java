package dev.taskapi.store;

import dev.taskapi.testing.UserStoreContract;
import dev.taskapi.testing.InMemoryUserStore;

/** The fake the handler tests use keeps the user store's contract. */
class InMemoryUserStoreContractTest extends UserStoreContract {
  InMemoryUserStoreContractTest() {
    super(new InMemoryUserStore());
  }
}
