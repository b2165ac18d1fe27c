package dev.taskapi.store.dynamodb;

import dev.taskapi.testing.ListStoreContract;

/** The DynamoDB list store keeps the contract the fake keeps, on a real DynamoDB API (dynalite). */
class DynamoDbListStoreContractTest extends ListStoreContract {
  DynamoDbListStoreContractTest() {
    super(
        new DynamoDbListStore(TestTable.client(), TestTable.NAME),
        new DynamoDbUserStore(TestTable.client(), TestTable.NAME));
  }
}
