package dev.taskapi.schema;

import dev.taskapi.domain.User;

/** An account's failed password checks: {@code pk = LOGIN#<normalized email>}, {@code sk = ATTEMPTS}. */
public final class LoginItem {
  public static final String PARTITION_PREFIX = "LOGIN#";
  public static final String SORT_KEY = "ATTEMPTS";

  public static final String FAILURES = "failures";
  /** Epoch seconds; the table's TTL attribute (template.yaml). */
  public static final String EXPIRES_AT = "expires_at";

  private LoginItem() {}

  public static String partitionKey(String email) {
    return PARTITION_PREFIX + User.normalizeEmail(email);
  }
}
