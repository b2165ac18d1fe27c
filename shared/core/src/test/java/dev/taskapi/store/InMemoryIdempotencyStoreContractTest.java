package dev.taskapi.store;

import dev.taskapi.testing.IdempotencyStoreContract;
import dev.taskapi.testing.InMemoryIdempotencyStore;

/** The fake the handler tests use keeps the Idempotency-Key store's contract. */
class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContract {
  InMemoryIdempotencyStoreContractTest() {
    super(new InMemoryIdempotencyStore());
  }
}
