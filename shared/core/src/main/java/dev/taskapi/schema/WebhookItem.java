package dev.taskapi.schema;

/**
 * The webhook item, in its owner's partition beside the lists: {@code pk = USER#<user id>} ({@link
 * TaskItem#partitionKey}), {@code sk = WEBHOOK#<webhook id>}; so an account's webhooks are one Query of the
 * {@code WEBHOOK#} range, and deleting the account's partition deletes them. One counter item, {@code sk = }{@value
 * #COUNTER_SORT_KEY} (outside the range), counts them, so the limit per account holds in the create's own
 * transaction, as the lists' counter does.
 */
public final class WebhookItem {
  public static final String SORT_PREFIX = "WEBHOOK#";
  public static final String COUNTER_SORT_KEY = "WEBHOOKS";

  public static final String WEBHOOK_ID = "webhook_id";
  public static final String USER_ID = "user_id";
  public static final String URL = "url";
  public static final String EVENTS = "events";
  public static final String DESCRIPTION = "description";
  /** The signing secret ({@code whsec_...}): the HMAC needs it, so it is stored as it is, and read only to sign. */
  public static final String SECRET = "secret";
  public static final String CREATED_AT = "created_at";
  public static final String FAILURE_COUNT = "failure_count";
  public static final String LAST_ERROR = "last_error";
  public static final String LAST_ERROR_AT = "last_error_at";
  public static final String CONSECUTIVE_FAILURES = "consecutive_failures";
  public static final String DISABLED_AT = "disabled_at";
  /** On the counter item: the webhooks the account has. */
  public static final String COUNT = "count";

  private WebhookItem() {}

  public static String sortKey(String webhookId) {
    return SORT_PREFIX + webhookId;
  }
}
