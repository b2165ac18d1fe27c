package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Session;
import dev.taskapi.schema.SessionItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.UserItem;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link SessionStore} on the API's table ({@link SessionItem}). Every change is one conditional write on the
 * family's item, which DynamoDB applies one at a time: a rotation requires the hash it read, so of concurrent
 * rotations exactly one wins ("Condition expressions", DynamoDB Developer Guide).
 */
public final class DynamoDbSessionStore implements SessionStore {
  /** A concurrent end changes the account item between our read and write; a second read settles it. */
  private static final int MAX_END_ATTEMPTS = 3;
  /** Transactions cancelled by a concurrent write to the account item, tried again before a 503. */
  private static final int MAX_CONFLICT_ATTEMPTS = 3;
  /** Keeps one write's expression small; what is left is pruned by the next end. */
  private static final int MAX_PRUNED_PER_WRITE = 50;

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoDbSessionStore(DynamoDbClient dynamo, String tableName) {
    this.dynamo = dynamo;
    this.tableName = tableName;
  }

  /**
   * One TransactWriteItems, as {@link DynamoDbTaskStore#create}: a ConditionCheck that the account's item holds the
   * session's user id without {@code closing}, and the family's Put. DynamoDB applies both or neither and
   * serializes them with the account deletion's writes ("Amazon DynamoDB transactions", Developer Guide).
   */
  @Override
  public boolean create(Session session) {
    Map<String, AttributeValue> item = new HashMap<>(key(session.userId(), session.familyId()));
    item.put(SessionItem.USER_ID, AttributeValue.fromS(session.userId()));
    item.put(SessionItem.EMAIL, AttributeValue.fromS(session.email()));
    item.put(SessionItem.TOKEN_VERSION, number(session.tokenVersion()));
    item.put(SessionItem.TOKEN_HASH, AttributeValue.fromS(session.tokenHash()));
    item.put(SessionItem.CREATED_AT, epochSeconds(session.createdAt()));
    item.put(SessionItem.LAST_USED_AT, epochSeconds(session.lastUsedAt()));
    item.put(SessionItem.EXPIRES_AT, epochSeconds(session.expiresAt()));
    for (int attempt = 0; attempt < MAX_CONFLICT_ATTEMPTS; attempt++) {
      Optional<TransactionCanceledException> refused = transact(
          UserSchema.openAccountCheck(tableName, session.email(), session.userId()),
          TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
              .conditionExpression("attribute_not_exists(pk)")).build());
      if (refused.isEmpty()) {
        return true;
      }
      if (DynamoDbErrors.conditionFailed(refused.get(), 0)) {
        return false; // the account is gone or being deleted
      }
      if (DynamoDbErrors.conditionFailed(refused.get(), 1)) {
        // The SDK retries a transaction whose answer was lost; if the first attempt landed, the family is ours
        // (its id is random and new). Nothing else puts a family with this id.
        return true;
      }
      // Cancelled by a concurrent write to the account item (TransactionConflict: "Amazon DynamoDB transactions",
      // Developer Guide), e.g. the refused registrations of the same address: nothing was written; try again, so
      // the sign-in that did succeed is not answered 503.
    }
    throw DynamoDbErrors.unavailable();
  }

  /** Applies one TransactWriteItems; empty when applied, else the cancellation (nothing was written). */
  private Optional<TransactionCanceledException> transact(TransactWriteItem... items) {
    try {
      DynamoDbErrors.call(() -> dynamo.transactWriteItems(r -> r.transactItems(items)));
      return Optional.empty();
    } catch (TransactionCanceledException e) {
      return Optional.of(e);
    }
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

  /**
   * Reads the account's ended sessions (one strongly consistent GetItem, projected), then one TransactWriteItems:
   * the family's Delete (conditional on its existence) and the account item's Update that adds the family to
   * {@link UserItem#ENDED_SESSIONS} and removes the entries that have passed. The Update is conditional on what
   * was read (the account, and whether it has the map: a nested SET needs the map to exist, "Update expressions",
   * DynamoDB Developer Guide); if a concurrent end changed that, it is read and tried again.
   */
  @Override
  public boolean end(String email, String userId, String familyId, Instant accessTokensEnd, Instant now) {
    for (int attempt = 0; attempt < MAX_END_ATTEMPTS; attempt++) {
      Map<String, AttributeValue> account = DynamoDbErrors.call(() -> dynamo.getItem(r -> r.tableName(tableName)
          .key(UserSchema.keyMap(email)).consistentRead(true)
          .projectionExpression("#id, #ended")
          .expressionAttributeNames(Map.of("#id", UserItem.USER_ID, "#ended", UserItem.ENDED_SESSIONS)))).item();
      if (!userId.equals(UserSchema.userId(account == null ? Map.of() : account))) {
        return deleteFamily(userId, familyId); // no account: its tokens are refused with it
      }
      Optional<TransactionCanceledException> refused = transact(
          TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(key(userId, familyId))
              .conditionExpression("attribute_exists(pk)")).build(),
          TransactWriteItem.builder().update(
              recordEnd(email, userId, familyId, accessTokensEnd, now, account.get(UserItem.ENDED_SESSIONS))).build());
      if (refused.isEmpty()) {
        return true;
      }
      if (DynamoDbErrors.conditionFailed(refused.get(), 0)) {
        return false; // no such family: nothing to end
      }
      if (!DynamoDbErrors.conditionFailed(refused.get(), 1)) {
        throw DynamoDbErrors.unavailable();
      }
      // The account item changed since it was read (another session ended, or the account went): read again.
    }
    throw DynamoDbErrors.unavailable();
  }

  /** The Update that records the end on the account item read with {@code ended} (null when it has no map). */
  private Update recordEnd(
      String email, String userId, String familyId, Instant accessTokensEnd, Instant now, AttributeValue ended) {
    Map<String, String> names = new HashMap<>(Map.of("#id", UserItem.USER_ID, "#ended", UserItem.ENDED_SESSIONS));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", AttributeValue.fromS(userId)));
    String update;
    String condition;
    if (ended == null || !ended.hasM()) {
      values.put(":ended", AttributeValue.fromM(Map.of(familyId, epochSeconds(accessTokensEnd))));
      update = "SET #ended = :ended";
      condition = "#id = :id AND attribute_not_exists(#ended)";
    } else {
      names.put("#new", familyId);
      values.put(":end", epochSeconds(accessTokensEnd));
      StringBuilder remove = new StringBuilder();
      int pruned = 0;
      for (Map.Entry<String, AttributeValue> entry : ended.m().entrySet()) {
        if (pruned < MAX_PRUNED_PER_WRITE && !instant(entry.getValue()).isAfter(now)) {
          String name = "#p" + pruned++;
          names.put(name, entry.getKey());
          remove.append(remove.isEmpty() ? " REMOVE " : ", ").append("#ended.").append(name);
        }
      }
      update = "SET #ended.#new = :end" + remove;
      condition = "#id = :id AND attribute_exists(#ended)";
    }
    return Update.builder().tableName(tableName).key(UserSchema.keyMap(email))
        .updateExpression(update).conditionExpression(condition)
        .expressionAttributeNames(names).expressionAttributeValues(values).build();
  }

  private boolean deleteFamily(String userId, String familyId) {
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
