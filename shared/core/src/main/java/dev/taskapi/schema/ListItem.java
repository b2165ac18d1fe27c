package dev.taskapi.schema;

/**
 * The list item, in its owner's partition beside the tasks: {@code pk = USER#<user id>} ({@link
 * TaskItem#partitionKey}), {@code sk = LIST#<list id>}; so all of a user's lists are one Query of the {@code LIST#}
 * range, and deleting the account's partition deletes them. The same partition holds one counter item,
 * {@code sk = }{@value #COUNTER_SORT_KEY} (outside the {@code LIST#} range), which counts the lists created and not
 * yet deleted, so the limit per account holds in the create's own transaction.
 */
public final class ListItem {
  public static final String SORT_PREFIX = "LIST#";
  public static final String COUNTER_SORT_KEY = "LISTS";

  public static final String LIST_ID = "list_id";
  public static final String USER_ID = "user_id";
  public static final String TITLE = "title";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String VERSION = "version";
  /** Set when the list's deletion begins: from then on it reads as absent and takes no new tasks. */
  public static final String DELETING = "deleting";
  /** The create request's fingerprint when the client chose the list's id: {@link TaskItem#CREATE_FINGERPRINT}. */
  public static final String CREATE_FINGERPRINT = TaskItem.CREATE_FINGERPRINT;
  /** On the counter item: the lists the account has besides its default one. */
  public static final String COUNT = "count";

  private ListItem() {}

  public static String sortKey(String listId) {
    return SORT_PREFIX + listId;
  }
}
