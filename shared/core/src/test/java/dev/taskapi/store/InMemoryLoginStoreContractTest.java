package dev.taskapi.store;

import dev.taskapi.testing.LoginStoreContract;
import dev.taskapi.testing.InMemoryLoginStore;

/** The fake the handler tests use keeps the login store's contract. */
class InMemoryLoginStoreContractTest extends LoginStoreContract {
  InMemoryLoginStoreContractTest() {
    super(new InMemoryLoginStore());
  }
}
