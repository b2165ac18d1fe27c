package dev.taskapi.store.dynamodb;

import dev.taskapi.testing.LoginStoreContract;

/** The DynamoDB login store keeps the contract the fake keeps, on a real DynamoDB API (dynalite). */
class DynamoDbLoginStoreContractTest extends LoginStoreContract {
  DynamoDbLoginStoreContractTest() {
    super(new DynamoDbLoginStore(TestTable.client(), TestTable.NAME));
  }
}
