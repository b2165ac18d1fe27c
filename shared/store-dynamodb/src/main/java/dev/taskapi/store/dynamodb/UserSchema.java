package dev.taskapi.store.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.taskapi.domain.User;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.UserItem;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The user item ({@link UserItem}) mapped to {@link User}.
 * Built once per container as a static schema: no reflection or bean introspection at request time.
 */
final class UserSchema {
  static final TableSchema<User> SCHEMA =
      StaticImmutableTableSchema.builder(User.class, Builder.class)
          .newItemBuilder(Builder::new, Builder::build)
          .addAttribute(
              String.class,
              a -> a.name(TableKeys.PARTITION_KEY).getter(u -> UserItem.partitionKey(u.email())).setter((b, v) -> {}).tags(primaryPartitionKey()))
          .addAttribute(
              String.class, a -> a.name(TableKeys.SORT_KEY).getter(u -> UserItem.SORT_KEY).setter((b, v) -> {}).tags(primarySortKey()))
          .addAttribute(String.class, a -> a.name(UserItem.USER_ID).getter(User::id).setter(Builder::id))
          .addAttribute(String.class, a -> a.name(UserItem.USERNAME).getter(User::username).setter(Builder::username))
          .addAttribute(String.class, a -> a.name(UserItem.EMAIL).getter(User::email).setter(Builder::email))
          .addAttribute(
              String.class, a -> a.name(UserItem.PASSWORD_HASH).getter(User::passwordHash).setter(Builder::passwordHash))
          .addAttribute(Instant.class, a -> a.name(UserItem.CREATED_AT).getter(User::createdAt).setter(Builder::createdAt))
          .addAttribute(
              Long.class, a -> a.name(UserItem.TOKEN_VERSION).getter(User::tokenVersion).setter(Builder::tokenVersion))
          .build();

  private UserSchema() {}

  /** The account id in a raw user item; null when there is no item (an empty map) or it has none. */
  static String userId(Map<String, AttributeValue> item) {
    AttributeValue id = item.get(UserItem.USER_ID);
    return id == null ? null : id.s();
  }

  static Key key(String email) {
    return Key.builder().partitionValue(UserItem.partitionKey(email)).sortValue(UserItem.SORT_KEY).build();
  }

  /**
   * The user item's key as the low-level client takes it, written out rather than through {@link #SCHEMA}: the task
   * creation's ConditionCheck needs only this, and building the schema for it would cost CreateTaskFunction's cold
   * start the schema's 26 lambda classes and its build (the schema's own key map is held equal in a test).
   */
  static Map<String, AttributeValue> keyMap(String email) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(UserItem.partitionKey(email)),
        TableKeys.SORT_KEY, AttributeValue.fromS(UserItem.SORT_KEY));
  }

  /**
   * The TransactWriteItems member that makes a write to the user's partition conditional on the account: its user
   * item, registered under {@code ownerEmail}, exists with {@code userId} and is not {@code closing}. Serialized with
   * the account deletion's writes, it lets no task, list or session land after the deletion's sweep
   * (authorized as {@code dynamodb:ConditionCheckItem} on the account's item).
   */
  static TransactWriteItem openAccountCheck(String tableName, String ownerEmail, String userId) {
    return TransactWriteItem.builder()
        .conditionCheck(
            ConditionCheck.builder()
                .tableName(tableName)
                .key(keyMap(ownerEmail))
                .conditionExpression("user_id = :id AND attribute_not_exists(#closing)")
                .expressionAttributeNames(Map.of("#closing", UserItem.CLOSING))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(userId)))
                .build())
        .build();
  }

  /** The enhanced client's immutable-item builder; the key attributes are derived, so their setters ignore. */
  static final class Builder {
    private String id;
    private String username;
    private String email;
    private String passwordHash;
    private Instant createdAt;
    private Long tokenVersion;

    void id(String value) {
      id = value;
    }

    void username(String value) {
      username = value;
    }

    void email(String value) {
      email = value;
    }

    void passwordHash(String value) {
      passwordHash = value;
    }

    void createdAt(Instant value) {
      createdAt = value;
    }

    void tokenVersion(Long value) {
      tokenVersion = value;
    }

    User build() {
      return new User(id, username, email, passwordHash, createdAt, tokenVersion == null ? 0 : tokenVersion);
    }
  }
}
