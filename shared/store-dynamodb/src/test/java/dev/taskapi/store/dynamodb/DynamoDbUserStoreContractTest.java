package dev.taskapi.store.dynamodb;

import dev.taskapi.testing.UserStoreContract;

/** The DynamoDB user store keeps the contract the fake keeps, on a real DynamoDB API (dynalite). */
class DynamoDbUserStoreContractTest extends UserStoreContract {
  DynamoDbUserStoreContractTest() {
    super(new DynamoDbUserStore(TestTable.client(), TestTable.NAME));
  }
}
