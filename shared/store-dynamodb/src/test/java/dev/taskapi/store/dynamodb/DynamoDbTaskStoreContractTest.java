package dev.taskapi.store.dynamodb;

import dev.taskapi.testing.TaskStoreContract;

/** The DynamoDB task store keeps the contract the fake keeps, on a real DynamoDB API (dynalite). */
class DynamoDbTaskStoreContractTest extends TaskStoreContract {
  DynamoDbTaskStoreContractTest() {
    super(
        new DynamoDbTaskStore(TestTable.client(), TestTable.NAME),
        new DynamoDbUserStore(TestTable.client(), TestTable.NAME),
        new DynamoDbListStore(TestTable.client(), TestTable.NAME));
  }
}
