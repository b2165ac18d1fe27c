package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.PasswordReset;
import dev.taskapi.schema.PasswordResetItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.store.PasswordResetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link PasswordResetStore} on the API's table ({@link PasswordResetItem}). Using a token is one DeleteItem with
 * {@code ReturnValues: ALL_OLD}: DynamoDB applies deletes of one item one at a time and returns the old item only
 * to the delete that removed it ("DeleteItem", DynamoDB API Reference: ReturnValues), so a token works once.
 */
public final class DynamoDbPasswordResetStore implements PasswordResetStore {
  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoDbPasswordResetStore(DynamoDbClient dynamo, String tableName) {
    this.dynamo = dynamo;
    this.tableName = tableName;
  }

  @Override
  public void create(PasswordReset reset) {
    Map<String, AttributeValue> item = new HashMap<>(key(reset.userId(), reset.tokenHash()));
    item.put(PasswordResetItem.USER_ID, AttributeValue.fromS(reset.userId()));
    item.put(PasswordResetItem.EMAIL, AttributeValue.fromS(reset.email()));
    item.put(PasswordResetItem.TOKEN_VERSION, AttributeValue.fromN(Long.toString(reset.tokenVersion())));
    item.put(PasswordResetItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(reset.expiresAt().getEpochSecond())));
    DynamoDbErrors.call(() -> dynamo.putItem(r -> r.tableName(tableName).item(item)));
  }

  @Override
  public Optional<PasswordReset> consume(String userId, String tokenHash) {
    Map<String, AttributeValue> old = DynamoDbErrors.call(() -> dynamo.deleteItem(
        r -> r.tableName(tableName).key(key(userId, tokenHash)).returnValues(ReturnValue.ALL_OLD))).attributes();
    if (old == null || old.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PasswordReset(
        tokenHash,
        old.get(PasswordResetItem.USER_ID).s(),
        old.get(PasswordResetItem.EMAIL).s(),
        Long.parseLong(old.get(PasswordResetItem.TOKEN_VERSION).n()),
        Instant.ofEpochSecond(Long.parseLong(old.get(PasswordResetItem.EXPIRES_AT).n()))));
  }

  @Override
  public boolean deleteAll(String userId, Duration budget) {
    return PartitionDeletion.deleteAll(dynamo, tableName, PasswordResetItem.partitionKey(userId), budget);
  }

  private static Map<String, AttributeValue> key(String userId, String tokenHash) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(PasswordResetItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(PasswordResetItem.sortKey(tokenHash)));
  }
}
