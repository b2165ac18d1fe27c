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
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link PasswordResetStore} on the API's table ({@link PasswordResetItem}). Using a token is one conditional
 * UpdateItem that marks it used by a claim of this use's own: concurrent uses of one item are applied one at a
 * time, so only the first finds it unused. A delete would work once too, but its answer cannot survive a retry:
 * when the SDK resends a request whose answer was lost (a timeout) after the first attempt landed, a resent
 * DeleteItem finds nothing and the one use that won would be told the token is invalid. The resent UpdateItem
 * carries the same claim, which its condition lets through. Used tokens go with the table's TTL.
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
    String claim = UUID.randomUUID().toString();
    Map<String, AttributeValue> item;
    try {
      item = DynamoDbErrors.call(() -> dynamo.updateItem(r -> r.tableName(tableName)
          .key(key(userId, tokenHash))
          .updateExpression("SET #usedBy = :claim")
          .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#usedBy) OR #usedBy = :claim)")
          .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY, "#usedBy", PasswordResetItem.USED_BY))
          .expressionAttributeValues(Map.of(":claim", AttributeValue.fromS(claim)))
          .returnValues(ReturnValue.ALL_NEW))).attributes();
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty(); // no such token, or another use has it
    }
    return Optional.of(new PasswordReset(
        tokenHash,
        item.get(PasswordResetItem.USER_ID).s(),
        item.get(PasswordResetItem.EMAIL).s(),
        Long.parseLong(item.get(PasswordResetItem.TOKEN_VERSION).n()),
        Instant.ofEpochSecond(Long.parseLong(item.get(PasswordResetItem.EXPIRES_AT).n()))));
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
