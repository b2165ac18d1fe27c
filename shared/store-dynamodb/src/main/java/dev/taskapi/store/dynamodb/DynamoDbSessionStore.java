package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Session;
import dev.taskapi.schema.SessionItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.store.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link SessionStore} on the API's table ({@link SessionItem}). Every change is one conditional write on the
 * family's item, which DynamoDB applies one at a time: a rotation requires the hash it read, so of concurrent
 * rotations exactly one wins ("Condition expressions", DynamoDB Developer Guide).
 */
public final class DynamoDbSessionStore implements SessionStore {
  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoDbSessionStore(DynamoDbClient dynamo, String tableName) {
    this.dynamo = dynamo;
    this.tableName = tableName;
  }

  @Override
  public void create(Session session) {
    Map<String, AttributeValue> item = new HashMap<>(key(session.userId(), session.familyId()));
    item.put(SessionItem.USER_ID, AttributeValue.fromS(session.userId()));
    item.put(SessionItem.EMAIL, AttributeValue.fromS(session.email()));
    item.put(SessionItem.TOKEN_VERSION, number(session.tokenVersion()));
    item.put(SessionItem.TOKEN_HASH, AttributeValue.fromS(session.tokenHash()));
    item.put(SessionItem.CREATED_AT, epochSeconds(session.createdAt()));
    item.put(SessionItem.LAST_USED_AT, epochSeconds(session.lastUsedAt()));
    item.put(SessionItem.EXPIRES_AT, epochSeconds(session.expiresAt()));
    DynamoDbErrors.call(() -> dynamo.putItem(r -> r.tableName(tableName).item(item)
        .conditionExpression("attribute_not_exists(pk)")));
  }

  @Override
  public Optional<Session> find(String userId, String familyId) {
    Map<String, AttributeValue> item = DynamoDbErrors.call(
        () -> dynamo.getItem(r -> r.tableName(tableName).key(key(userId, familyId)).consistentRead(true))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Session(
        familyId,
        userId,
        item.get(SessionItem.EMAIL).s(),
        Long.parseLong(item.get(SessionItem.TOKEN_VERSION).n()),
        item.get(SessionItem.TOKEN_HASH).s(),
        instant(item.get(SessionItem.CREATED_AT)),
        instant(item.get(SessionItem.LAST_USED_AT)),
        instant(item.get(SessionItem.EXPIRES_AT))));
  }

  @Override
  public boolean rotate(Session current, Session rotated) {
    try {
      Map<String, AttributeValue> key = key(current.userId(), current.familyId());
      DynamoDbErrors.call(() -> dynamo.updateItem(r -> r.tableName(tableName).key(key)
          .updateExpression("SET #hash = :new, #used = :now, #end = :end")
          .conditionExpression("#hash = :old AND #end > :now")
          .expressionAttributeNames(Map.of("#hash", SessionItem.TOKEN_HASH, "#used", SessionItem.LAST_USED_AT,
              "#end", SessionItem.EXPIRES_AT))
          .expressionAttributeValues(Map.of(
              ":new", AttributeValue.fromS(rotated.tokenHash()),
              ":old", AttributeValue.fromS(current.tokenHash()),
              ":now", epochSeconds(rotated.lastUsedAt()),
              ":end", epochSeconds(rotated.expiresAt())))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
      return true;
    } catch (ConditionalCheckFailedException refused) {
      // The SDK retries a write whose answer was lost; if the first attempt landed, the retry finds our own hash.
      AttributeValue stored = refused.hasItem() ? refused.item().get(SessionItem.TOKEN_HASH) : null;
      return stored != null && rotated.tokenHash().equals(stored.s());
    }
  }

  @Override
  public boolean revoke(String userId, String familyId) {
    return conditional(() -> dynamo.deleteItem(r -> r.tableName(tableName).key(key(userId, familyId))
        .conditionExpression("attribute_exists(pk)")));
  }

  @Override
  public boolean deleteAll(String userId, Duration budget) {
    return PartitionDeletion.deleteAll(dynamo, tableName, SessionItem.partitionKey(userId), budget);
  }

  private static boolean conditional(Supplier<?> write) {
    try {
      DynamoDbErrors.call(write);
      return true;
    } catch (ConditionalCheckFailedException refused) {
      return false;
    }
  }

  static Map<String, AttributeValue> key(String userId, String familyId) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(SessionItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(SessionItem.sortKey(familyId)));
  }

  private static Instant instant(AttributeValue epochSeconds) {
    return Instant.ofEpochSecond(Long.parseLong(epochSeconds.n()));
  }

  private static AttributeValue epochSeconds(Instant instant) {
    return number(instant.getEpochSecond());
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
