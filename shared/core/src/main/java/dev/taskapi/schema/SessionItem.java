package dev.taskapi.schema;

/**
 * A session: the refresh-token family one sign-in starts, {@code pk = SESSION#<user id>},
 * {@code sk = FAMILY#<family id>}: every session of an account in one partition of its own, so deleting the
 * account deletes them (one Query), while the session functions' IAM policies can be confined to
 * {@code SESSION#} partitions. It holds only the SHA-256 of the family's one valid refresh token
 * ({@link #TOKEN_HASH}); rotation replaces it in a conditional write, and ending the session deletes the item,
 * which ends every refresh token of it at once, and lists the family on the account item
 * ({@link UserItem#ENDED_SESSIONS}), which ends its access tokens (they name it: {@code sid}).
 */
public final class SessionItem {
  public static final String PARTITION_PREFIX = "SESSION#";
  public static final String SORT_PREFIX = "FAMILY#";

  public static final String USER_ID = "user_id";
  /** The account's key ({@link UserItem}), so a refresh reads the account without an index. */
  public static final String EMAIL = "email";
  /** The account's token version at sign-in: a password change, reset or "log out everywhere" raises it. */
  public static final String TOKEN_VERSION = "token_version";
  public static final String TOKEN_HASH = "token_hash";
  /** Epoch seconds of the sign-in that started the family (the absolute lifetime counts from it). */
  public static final String CREATED_AT = "created_at";
  /** Epoch seconds of the last rotation (the idle lifetime counts from it). */
  public static final String LAST_USED_AT = "last_used_at";
  /** Epoch seconds; the table's TTL attribute: the earlier of the idle and the absolute end. */
  public static final String EXPIRES_AT = "expires_at";

  private SessionItem() {}

  public static String partitionKey(String userId) {
    return PARTITION_PREFIX + userId;
  }

  public static String sortKey(String familyId) {
    return SORT_PREFIX + familyId;
  }
}
