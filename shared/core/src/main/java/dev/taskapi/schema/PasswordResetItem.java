package dev.taskapi.schema;

import dev.taskapi.domain.User;

/**
 * A password-reset token, {@code pk = RESET#<user id>}, {@code sk = TOKEN#<SHA-256 of the token>}: only its hash
 * is stored, and using it marks it used (the TTL removes it). The token names its account ({@code <user id>.<secret>}), so the item is
 * found from the token alone, and an account's pending tokens share one partition of their own: deleting the
 * account deletes them with one Query, no scan. The per-address limit on reset mails is a window of its own,
 * {@code pk = RESETMAIL#<normalized email>}, {@code sk = WINDOW}, counted as {@link LoginItem}'s windows are
 * (its {@code failures} attribute counts the requests of the window).
 */
public final class PasswordResetItem {
  public static final String PARTITION_PREFIX = "RESET#";
  public static final String SORT_PREFIX = "TOKEN#";

  public static final String USER_ID = "user_id";
  public static final String EMAIL = "email";
  /** The account's token version when the mail was sent: any later reset or password change voids the token. */
  public static final String TOKEN_VERSION = "token_version";
  /** The claim of the use that used the token up; absent while it is unused. */
  public static final String USED_BY = "used_by";
  /** Epoch seconds; the table's TTL attribute. */
  public static final String EXPIRES_AT = "expires_at";

  public static final String MAIL_WINDOW_PREFIX = "RESETMAIL#";
  public static final String MAIL_WINDOW_SORT_KEY = "WINDOW";

  private PasswordResetItem() {}

  public static String partitionKey(String userId) {
    return PARTITION_PREFIX + userId;
  }

  public static String sortKey(String tokenHash) {
    return SORT_PREFIX + tokenHash;
  }

  public static String mailWindowKey(String email) {
    return MAIL_WINDOW_PREFIX + User.normalizeEmail(email);
  }
}
