package dev.taskapi.store.dynamodb;

import dev.taskapi.testing.IdempotencyStoreContract;

/** The DynamoDB Idempotency-Key store keeps the contract the fake keeps, on a real DynamoDB API (dynalite). */
class DynamoDbIdempotencyStoreContractTest extends IdempotencyStoreContract {
  DynamoDbIdempotencyStoreContractTest() {
    super(new DynamoDbIdempotencyStore(TestTable.client(), TestTable.NAME));
  }
}
