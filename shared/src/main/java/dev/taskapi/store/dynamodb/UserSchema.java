package dev.taskapi.store.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.taskapi.domain.User;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The user item: {@code pk = EMAIL#<lower-case email>}, {@code sk = USER}. Keying users by their normalized
 * email is what lets one conditional put both create the user and enforce unique emails (no transactions).
 * Built once per container as a static schema: no reflection or bean introspection at request time.
 */
final class UserSchema {
  static final String SORT_KEY = "USER";
  static final String TOKEN_VERSION = "token_version";
  static final String USER_ID = "user_id";
  /** Set when the account's deletion begins; no task is created for an account that has it. */
  static final String CLOSING = "closing";

  static final TableSchema<User> SCHEMA =
      StaticImmutableTableSchema.builder(User.class, Builder.class)
          .newItemBuilder(Builder::new, Builder::build)
          .addAttribute(
              String.class,
              a -> a.name("pk").getter(u -> partitionKey(u.email())).setter((b, v) -> {}).tags(primaryPartitionKey()))
          .addAttribute(
              String.class, a -> a.name("sk").getter(u -> SORT_KEY).setter((b, v) -> {}).tags(primarySortKey()))
          .addAttribute(String.class, a -> a.name(USER_ID).getter(User::id).setter(Builder::id))
          .addAttribute(String.class, a -> a.name("username").getter(User::username).setter(Builder::username))
          .addAttribute(String.class, a -> a.name("email").getter(User::email).setter(Builder::email))
          .addAttribute(
              String.class, a -> a.name("password_hash").getter(User::passwordHash).setter(Builder::passwordHash))
          .addAttribute(Instant.class, a -> a.name("created_at").getter(User::createdAt).setter(Builder::createdAt))
          .addAttribute(
              Long.class, a -> a.name(TOKEN_VERSION).getter(User::tokenVersion).setter(Builder::tokenVersion))
          .build();

  private UserSchema() {}

  static String partitionKey(String email) {
    return "EMAIL#" + User.normalizeEmail(email);
  }

  /** The account id in a raw user item; null when there is no item (an empty map) or it has none. */
  static String userId(Map<String, AttributeValue> item) {
    AttributeValue id = item.get(USER_ID);
    return id == null ? null : id.s();
  }

  static Key key(String email) {
    return Key.builder().partitionValue(partitionKey(email)).sortValue(SORT_KEY).build();
  }

  static Map<String, AttributeValue> keyMap(String email) {
    return key(email).keyMap(SCHEMA, "$PRIMARY_INDEX");
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
