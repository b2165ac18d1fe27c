package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.FailedLogins;
import dev.taskapi.schema.LoginItem;
import dev.taskapi.schema.PasswordResetItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.store.LoginStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link LoginStore} on the API's table. The window is its own item, {@code pk = LOGIN#<normalized email>},
 * {@code sk = ATTEMPTS}, with {@code failures} (the checks reserved in it) and {@code expires_at} (epoch seconds,
 * the table's TTL attribute). A reservation is a conditional UpdateItem, so DynamoDB serializes concurrent ones on
 * the item: adding to an open window requires it to hold fewer than the limit, and opening a window requires there
 * to be none or an expired one, so two openers cannot both win.
 */
public final class DynamoDbLoginStore implements LoginStore {

  private static final String ADD_ONE = "ADD failures :one";
  /** A missing {@code expires_at} or {@code failures} compares false, so this also fails when there is no item. */
  private static final String OPEN_WITH_ROOM = "expires_at > :now AND failures < :max";
  private static final String OPEN_NEW = "SET failures = :one, expires_at = :end";
  private static final String NONE_OPEN = "attribute_not_exists(pk) OR expires_at <= :now";
  /**
   * Each round fails only when another request changed the window between its two writes (opened it, or a
   * success ended it); three rounds make a refusal for that reason practically impossible.
   */
  private static final int ROUNDS = 3;

  private final DynamoDbClient dynamo;
  private final String tableName;
  private final UnaryOperator<String> partitionKey;
  private final String sortKey;

  /** The password-attempt windows ({@link LoginItem}). */
  public DynamoDbLoginStore(DynamoDbClient dynamo, String tableName) {
    this(dynamo, tableName, LoginItem::partitionKey, LoginItem.SORT_KEY);
  }

  private DynamoDbLoginStore(
      DynamoDbClient dynamo, String tableName, UnaryOperator<String> partitionKey, String sortKey) {
    this.dynamo = dynamo;
    this.tableName = tableName;
    this.partitionKey = partitionKey;
    this.sortKey = sortKey;
  }

  /** The same windows counting password-reset mails per address ({@link PasswordResetItem}). */
  public static DynamoDbLoginStore passwordResetMails(DynamoDbClient dynamo, String tableName) {
    return new DynamoDbLoginStore(
        dynamo, tableName, PasswordResetItem::mailWindowKey, PasswordResetItem.MAIL_WINDOW_SORT_KEY);
  }

  @Override
  public Optional<Instant> reserve(String email, Instant now, int maxAttempts, Instant newWindowEnd) {
    AttributeValue nowValue = epochSeconds(now);
    for (int round = 0; round < ROUNDS; round++) {
      // Opening first: a success ends the window, so an account's owner usually finds none, and pays one write.
      if (update(email, OPEN_NEW, NONE_OPEN, Map.of(":one", number(1), ":now", nowValue, ":end",
          epochSeconds(newWindowEnd)))) {
        return Optional.empty();
      }
      if (update(email, ADD_ONE, OPEN_WITH_ROOM, Map.of(":one", number(1), ":now", nowValue, ":max",
          number(maxAttempts)))) {
        return Optional.empty();
      }
      // Both refused: an open window that is full, unless another request changed it in between. Only this
      // path reads, to say until when it is full.
      Optional<FailedLogins> window = find(email).filter(w -> w.activeAt(now) && w.count() >= maxAttempts);
      if (window.isPresent()) {
        return Optional.of(window.get().expiresAt());
      }
    }
    return Optional.of(now.plusSeconds(1));
  }

  private boolean update(String email, String expression, String condition, Map<String, AttributeValue> values) {
    try {
      DynamoDbErrors.call(
          () ->
              dynamo.updateItem(
                  r ->
                      r.tableName(tableName)
                          .key(key(email))
                          .updateExpression(expression)
                          .conditionExpression(condition)
                          .expressionAttributeValues(values)));
      return true;
    } catch (ConditionalCheckFailedException refused) {
      return false;
    }
  }

  private Optional<FailedLogins> find(String email) {
    Map<String, AttributeValue> item =
        DynamoDbErrors.call(() -> dynamo.getItem(r -> r.tableName(tableName).key(key(email)).consistentRead(true)))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FailedLogins(
            Integer.parseInt(item.get(LoginItem.FAILURES).n()),
            Instant.ofEpochSecond(Long.parseLong(item.get(LoginItem.EXPIRES_AT).n()))));
  }

  @Override
  public void clear(String email) {
    DynamoDbErrors.call(() -> dynamo.deleteItem(r -> r.tableName(tableName).key(key(email))));
  }

  private Map<String, AttributeValue> key(String email) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(partitionKey.apply(email)),
        TableKeys.SORT_KEY, AttributeValue.fromS(sortKey));
  }

  private static AttributeValue epochSeconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
