package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.FailedLogins;
import dev.taskapi.domain.LoginState;
import dev.taskapi.domain.User;
import dev.taskapi.store.LoginStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link LoginStore} on the API's table. The failed-login record is its own item, {@code pk = LOGIN#<lower-case
 * email>}, {@code sk = ATTEMPTS}, with {@code failures} and {@code expires_at} (epoch seconds, the table's TTL
 * attribute). A login reads it and the user item in one strongly consistent BatchGetItem, so a successful login
 * stays one round trip; only failures write, and a success deletes the record only when there is one.
 */
public final class DynamoDbLoginStore implements LoginStore {
  static final String PARTITION_PREFIX = "LOGIN#";
  static final String SORT_KEY = "ATTEMPTS";

  /** Adds to a window that is still open; fails (to open a new one) when there is none or it has expired. */
  private static final String IN_OPEN_WINDOW = "attribute_exists(pk) AND expires_at > :now";

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoDbLoginStore(DynamoDbClient dynamo, String tableName) {
    this.dynamo = dynamo;
    this.tableName = tableName;
  }

  @Override
  public LoginState find(String email) {
    Map<String, AttributeValue> userKey = UserSchema.key(email).primaryKeyMap(UserSchema.SCHEMA);
    Map<String, AttributeValue> failuresKey = key(email);
    BatchGetItemResponse response =
        DynamoDbErrors.call(
            () ->
                dynamo.batchGetItem(
                    r ->
                        r.requestItems(
                            Map.of(
                                tableName,
                                KeysAndAttributes.builder()
                                    .keys(userKey, failuresKey)
                                    .consistentRead(true)
                                    .build()))));
    if (response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()) {
      // DynamoDB left keys unread: throttling by another name; the client retries after the 503.
      throw DynamoDbErrors.unavailable();
    }
    List<Map<String, AttributeValue>> items = response.responses().getOrDefault(tableName, List.of());
    Optional<User> user =
        items.stream().filter(i -> UserSchema.SORT_KEY.equals(sortKey(i))).findFirst().map(UserSchema.SCHEMA::mapToItem);
    Optional<FailedLogins> failures =
        items.stream().filter(i -> SORT_KEY.equals(sortKey(i))).findFirst().map(DynamoDbLoginStore::failures);
    return new LoginState(user, failures);
  }

  @Override
  public void recordFailure(String email, Instant now, Instant newWindowEnd) {
    try {
      update(email, "ADD failures :one", IN_OPEN_WINDOW, Map.of(":one", number(1), ":now", epochSeconds(now)));
    } catch (ConditionalCheckFailedException noOpenWindow) {
      // Opening a window overwrites an expired record. Two failures racing here may both open it and count one;
      // that loses at most a count per race, which the limit's margin absorbs.
      update(
          email,
          "SET failures = :one, expires_at = :end",
          null,
          Map.of(":one", number(1), ":end", epochSeconds(newWindowEnd)));
    }
  }

  private void update(String email, String expression, String condition, Map<String, AttributeValue> values) {
    DynamoDbErrors.call(
        () ->
            dynamo.updateItem(
                r ->
                    r.tableName(tableName)
                        .key(key(email))
                        .updateExpression(expression)
                        .conditionExpression(condition)
                        .expressionAttributeValues(values)));
  }

  @Override
  public void clearFailures(String email) {
    DynamoDbErrors.call(() -> dynamo.deleteItem(r -> r.tableName(tableName).key(key(email))));
  }

  static Map<String, AttributeValue> key(String email) {
    return Map.of(
        "pk", AttributeValue.fromS(PARTITION_PREFIX + User.normalizeEmail(email)), "sk", AttributeValue.fromS(SORT_KEY));
  }

  private static FailedLogins failures(Map<String, AttributeValue> item) {
    return new FailedLogins(
        Integer.parseInt(item.get("failures").n()), Instant.ofEpochSecond(Long.parseLong(item.get("expires_at").n())));
  }

  private static String sortKey(Map<String, AttributeValue> item) {
    AttributeValue sk = item.get("sk");
    return sk == null ? null : sk.s();
  }

  private static AttributeValue epochSeconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
