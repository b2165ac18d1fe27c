package dev.taskapi.schema;

import dev.taskapi.domain.User;

/**
 * The user item: {@code pk = EMAIL#<normalized email>}, {@code sk = USER}. Keying users by their normalized
 * email is what lets one conditional put both create the user and enforce unique emails. The DynamoDB store
 * maps users with these names, and the authorizer reads {@link #USER_ID}, {@link #TOKEN_VERSION} and one entry of
 * {@link #ENDED_SESSIONS} by them.
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
  /**
   * The sessions ended one by one (logout, refresh-token reuse) whose access tokens may still be unexpired: a map
   * from family id (the access token's {@code sid}) to the epoch second its last access token expires. The
   * authorizer refuses a token whose session is in it, within the one GetItem it already makes; each write that
   * ends a session prunes the entries that have passed, so it holds only the sessions ended within one access-token
   * lifetime.
   */
  public static final String ENDED_SESSIONS = "ended_sessions";
  /** Set when the account's deletion begins; no task or session is created for an account that has it. */
  public static final String CLOSING = "closing";

  private UserItem() {}

  public static String partitionKey(String email) {
    return PARTITION_PREFIX + User.normalizeEmail(email);
  }
}
