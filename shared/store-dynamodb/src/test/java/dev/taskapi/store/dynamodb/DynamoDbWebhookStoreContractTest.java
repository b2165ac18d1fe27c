package dev.taskapi.store.dynamodb;

import dev.taskapi.testing.WebhookStoreContract;

/** The DynamoDB webhook store keeps the contract the fake keeps, on a real DynamoDB API (dynalite). */
class DynamoDbWebhookStoreContractTest extends WebhookStoreContract {
  DynamoDbWebhookStoreContractTest() {
    super(
        new DynamoDbWebhookStore(TestTable.client(), TestTable.NAME),
        new DynamoDbUserStore(TestTable.client(), TestTable.NAME));
  }
}
