package dev.taskapi.schema;

import dev.taskapi.domain.User;

/**
 * The user item: {@code pk = EMAIL#<normalized email>}, {@code sk = USER}. Keying users by their normalized
 * email is what lets one conditional put both create the user and enforce unique emails. The DynamoDB store
 * maps users with these names, and the authorizer reads {@link #USER_ID} and {@link #TOKEN_VERSION} by them.
 */
public final class UserItem {
  public static final String PARTITION_PREFIX = "EMAIL#";
  public static final String SORT_KEY = "USER";

  public static final String USER_ID = "user_id";
  public static final String USERNAME = "username";
  public static final String EMAIL = "email";
  public static final String PASSWORD_HASH = "password_hash";
  public static final String CREATED_AT = "created_at";
  public static final String TOKEN_VERSION = "token_version";
  /** Set when the account's deletion begins; no task is created for an account that has it. */
  public static final String CLOSING = "closing";

  private UserItem() {}

  public static String partitionKey(String email) {
    return PARTITION_PREFIX + User.normalizeEmail(email);
  }
}
