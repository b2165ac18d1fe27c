package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.TakenId;
import dev.taskapi.store.dynamodb.ListSchema.StoredList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link ListStore} on the API's table: list items in their owner's partition ({@link ListItem}), so every read is
 * one GetItem or one Query of the {@code LIST#} range, and no index is needed. The default list is never stored
 * until it is renamed; every write is conditional.
 */
public final class DynamoDbListStore implements ListStore {
  /** Reads and writes a rename makes before a list that keeps changing under it is a 503. */
  private static final int ATTEMPTS = 3;
  /** Items a Query of a deleted list's tasks evaluates per page. */
  private static final int PAGE = 500;
  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbTable<StoredList> table;
  private final ChangeLog log;
  private final LoggedTaskDeletion deletions;

  public DynamoDbListStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
    this.table = DynamoDbClients.table(client, tableName, ListSchema.SCHEMA);
    this.log = new ChangeLog(client, tableName);
    this.deletions = new LoggedTaskDeletion(log, tableName);
  }

  /**
   * One TransactWriteItems: the account's ConditionCheck (as a task's create), the counter's increment on the
   * condition that it is below the limit, and the list's Put on the condition that its id is new, with its
   * change-log entry ({@link ChangeLog}). All or nothing.
   */
  @Override
  public Optional<TakenId<TaskList>> create(TaskList list, Optional<String> fingerprint, String ownerEmail) {
    Map<String, AttributeValue> item = new HashMap<>(ListSchema.SCHEMA.itemToMap(new StoredList(list, false), true));
    fingerprint.ifPresent(f -> item.put(ListItem.CREATE_FINGERPRINT, AttributeValue.fromS(f)));
    List<TransactWriteItem> items =
        List.of(
                UserSchema.openAccountCheck(tableName, ownerEmail, list.userId()),
                TransactWriteItem.builder()
                    .update(
                        Update.builder()
                            .tableName(tableName)
                            .key(ListSchema.counterKey(list.userId()))
                            .updateExpression("SET #count = if_not_exists(#count, :zero) + :one")
                            .conditionExpression("attribute_not_exists(#count) OR #count < :max")
                            .expressionAttributeNames(Map.of("#count", ListItem.COUNT))
                            .expressionAttributeValues(
                                Map.of(
                                    ":zero", AttributeValue.fromN("0"),
                                    ":one", AttributeValue.fromN("1"),
                                    ":max", AttributeValue.fromN(Integer.toString(TaskLists.MAX_PER_ACCOUNT))))
                            .build())
                    .build(),
                TransactWriteItem.builder()
                    .put(
                        Put.builder()
                            .tableName(tableName)
                            .item(item)
                            .conditionExpression("attribute_not_exists(pk)")
                            // A taken id's refusal carries the item holding it: a replay is told with no read.
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .build());
    try {
      log.commit(list.userId(), items, List.of(), List.of(list.id()));
      return Optional.empty();
    } catch (TransactionCanceledException e) {
      if (DynamoDbErrors.conditionFailed(e, 0)) {
        throw new NotFoundException("This account no longer exists.");
      }
      // Before the limit: a replay is recognised at the limit too. Without a client id, the SDK retried a
      // transaction whose answer was lost after it landed.
      if (DynamoDbErrors.conditionFailed(e, 2)) {
        return Optional.of(taken(DynamoDbErrors.refusedItem(e, 2), list));
      }
      if (DynamoDbErrors.conditionFailed(e, 1)) {
        throw new ConflictException(
            "An account has at most " + TaskLists.MAX_PER_ACCOUNT + " lists besides its default one; delete one first.");
      }
      throw DynamoDbErrors.unavailable();
    }
  }

  /**
   * What holds a taken id, from the refused put's ALL_OLD item (DynamoDB always returns it; without it, only the
   * list asked for, with no fingerprint: a 409 for a client id). A list being deleted keeps no fingerprint here: its
   * id is a 409 until it is gone.
   */
  private static TakenId<TaskList> taken(Map<String, AttributeValue> stored, TaskList asked) {
    if (stored.isEmpty()) {
      return new TakenId<>(asked, Optional.empty());
    }
    StoredList list = ListSchema.SCHEMA.mapToItem(stored);
    AttributeValue fingerprint = list.deleting() ? null : stored.get(ListItem.CREATE_FINGERPRINT);
    return new TakenId<>(list.list(), Optional.ofNullable(fingerprint).map(AttributeValue::s));
  }

  /**
   * One Query of the {@code LIST#} range (at most 101 small items: one page), sorted here by creation time (then
   * id): the range is in id order, which is creation order only for the server's UUIDv7s, not for ids clients chose.
   * Sorting at most 100 lists in memory costs nothing next to the Query.
   */
  @Override
  public List<TaskList> all(String userId) {
    Page<StoredList> page = OwnerRange.firstPage(table, userId, ListItem.SORT_PREFIX);
    String defaultId = TaskLists.defaultListId(userId);
    TaskList defaultList = TaskLists.neverWritten(userId);
    List<TaskList> others = new ArrayList<>();
    for (StoredList stored : page.items()) {
      if (stored.list().id().equals(defaultId)) {
        defaultList = stored.list();
      } else if (!stored.deleting()) {
        others.add(stored.list());
      }
    }
    List<TaskList> lists = new ArrayList<>(others.size() + 1);
    lists.add(defaultList);
    others.sort(TaskLists.CREATION_ORDER);
    lists.addAll(others);
    return lists;
  }

  @Override
  public Optional<TaskList> find(String userId, String listId) {
    GetItemEnhancedRequest get =
        GetItemEnhancedRequest.builder().key(ListSchema.key(userId, listId)).consistentRead(true).build();
    return live(userId, listId, DynamoDbErrors.call(() -> table.getItem(get)));
  }

  /** The list as {@code stored} (null: no item) shows it: absent while being deleted; the default one always. */
  private static Optional<TaskList> live(String userId, String listId, StoredList stored) {
    if (stored == null) {
      return listId.equals(TaskLists.defaultListId(userId)) ? Optional.of(TaskLists.neverWritten(userId)) : Optional.empty();
    }
    return stored.deleting() ? Optional.empty() : Optional.of(stored.list());
  }

  /**
   * A strongly consistent read of the list (a BatchGetItem with the account's change-log counter: {@link
   * ChangeLog#readForWrite}), then one TransactWriteItems: its Update (the title,
   * {@code updated_at} and the version's increment, and for the default list's first write its id, owner and
   * creation time where absent), conditional on the version read, with its change-log entry. A transaction returns
   * no values: the read gives the list the rename applies to, and the condition proves it still is. A list other
   * than the default must exist and not be being deleted; the default one needs no item (its key is its one id, so
   * no write can make a second; never written, it is version 0). A version other than If-Match's is a 412 with no
   * write; a concurrent write between the read and the write starts the rename over ({@value #ATTEMPTS} attempts),
   * or under If-Match is a 412 (a 404 when the list went).
   */
  @Override
  public Optional<TaskList> rename(
      String userId, String listId, String title, Optional<Long> requiredVersion, Instant now) {
    for (int attempt = 1; ; attempt++) {
      Optional<TaskList> current = readForWrite(userId, listId);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      TaskList list = current.get();
      if (requiredVersion.isPresent() && requiredVersion.get() != list.version()) {
        throw stale();
      }
      try {
        log.commit(userId, List.of(renameUpdate(list, title, now)), List.of(), List.of(listId));
        return Optional.of(new TaskList(listId, userId, title, list.createdAt(), now, list.version() + 1));
      } catch (TransactionCanceledException e) {
        // the list changed or went since it was read: below
      }
      if (requiredVersion.isPresent()) {
        if (readForWrite(userId, listId).isEmpty()) {
          return Optional.empty();
        }
        throw stale();
      }
      if (attempt == ATTEMPTS) {
        throw DynamoDbErrors.unavailable();
      }
    }
  }

  /** The list as a rename reads it: with the account's change-log counter ({@link ChangeLog#readForWrite}). */
  private Optional<TaskList> readForWrite(String userId, String listId) {
    Map<String, AttributeValue> item = log.readForWrite(userId, ListSchema.keyMap(userId, listId));
    return live(userId, listId, item.isEmpty() ? null : ListSchema.SCHEMA.mapToItem(item));
  }

  /** The rename's Update of {@code list} as read, conditional on its version (and, but the default, its being live). */
  private TransactWriteItem renameUpdate(TaskList list, String title, Instant now) {
    boolean isDefault = list.id().equals(TaskLists.defaultListId(list.userId()));
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#version", ListItem.VERSION);
    names.put("#title", ListItem.TITLE);
    names.put("#updated_at", ListItem.UPDATED_AT);
    names.put("#created_at", ListItem.CREATED_AT);
    names.put("#list_id", ListItem.LIST_ID);
    names.put("#user_id", ListItem.USER_ID);
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":title", AttributeValue.fromS(title));
    values.put(":now", AttributeValue.fromS(now.toString()));
    values.put(":created_at", AttributeValue.fromS(TaskLists.NEVER_WRITTEN_CREATED_AT.toString()));
    values.put(":list_id", AttributeValue.fromS(list.id()));
    values.put(":user_id", AttributeValue.fromS(list.userId()));
    List<String> conditions = new ArrayList<>();
    if (!isDefault) {
      names.put("#pk", TableKeys.PARTITION_KEY);
      names.put("#deleting", ListItem.DELETING);
      conditions.add("attribute_exists(#pk) AND attribute_not_exists(#deleting)");
    }
    if (list.version() == 0) {
      conditions.add("attribute_not_exists(#version)");
    } else {
      conditions.add("#version = :read");
      values.put(":read", AttributeValue.fromN(Long.toString(list.version())));
    }
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tableName)
                .key(ListSchema.keyMap(list.userId(), list.id()))
                .updateExpression(
                    "SET #title = :title, #updated_at = :now, #version = if_not_exists(#version, :zero) + :one, "
                        + "#created_at = if_not_exists(#created_at, :created_at), #list_id = :list_id, "
                        + "#user_id = :user_id")
                .conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build())
        .build();
  }

  private static PreconditionFailedException stale() {
    return new PreconditionFailedException(
        "The list has changed since the version in If-Match; nothing was changed. Read it again.");
  }

  /**
   * A TransactWriteItems marking the list as being deleted (from then on it reads as absent); Query pages of the
   * user's tasks filtered to the list's, each page's tasks deleted in TransactWriteItems of up to
   * {@value ChangeLog#MAX_CALLER_ITEMS} ({@link LoggedTaskDeletion}); then one TransactWriteItems deleting the list
   * item and counting it off the account's lists. Each transaction carries its change-log entry, naming the list or
   * the tasks it deleted.
   */
  @Override
  public Deletion delete(String userId, String listId, Duration budget) {
    if (listId.equals(TaskLists.defaultListId(userId))) {
      throw new IllegalArgumentException("the default list is never deleted");
    }
    long deadline = System.nanoTime() + budget.toNanos();
    Map<String, AttributeValue> key = ListSchema.keyMap(userId, listId);
    TransactWriteItem mark =
        TransactWriteItem.builder()
            .update(
                Update.builder()
                    .tableName(tableName)
                    .key(key)
                    .updateExpression("SET #deleting = :true")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#deleting", ListItem.DELETING, "#pk", TableKeys.PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))
                    .build())
            .build();
    try {
      log.commit(userId, List.of(mark), List.of(), List.of(listId));
    } catch (TransactionCanceledException e) {
      return Deletion.NOT_FOUND;
    }
    if (!deleteTasks(userId, listId, deadline)) {
      return Deletion.UNFINISHED;
    }
    List<TransactWriteItem> items =
        List.of(
            TransactWriteItem.builder()
                .delete(
                    Delete.builder()
                        .tableName(tableName)
                        .key(key)
                        .conditionExpression("attribute_exists(pk)")
                        .build())
                .build(),
            TransactWriteItem.builder()
                .update(
                    Update.builder()
                        .tableName(tableName)
                        .key(ListSchema.counterKey(userId))
                        .updateExpression("ADD #count :minus_one")
                        .expressionAttributeNames(Map.of("#count", ListItem.COUNT))
                        .expressionAttributeValues(Map.of(":minus_one", AttributeValue.fromN("-1")))
                        .build())
                .build());
    try {
      log.commit(userId, items, List.of(), List.of(listId));
      return Deletion.DELETED;
    } catch (TransactionCanceledException e) {
      if (DynamoDbErrors.conditionFailed(e, 0)) {
        return Deletion.NOT_FOUND; // a concurrent request finished the deletion first
      }
      throw DynamoDbErrors.unavailable();
    }
  }

  /**
   * Deletes the list's tasks: strongly consistent Query pages of the user's tasks (a page of {@value #PAGE}
   * evaluated, filtered to the list's, their ids only), following LastEvaluatedKey since the other lists' tasks
   * stay, until the last page or the deadline. A repeated deletion starts over and finds only what is left.
   *
   * @return true when no task of the list is left
   */
  private boolean deleteTasks(String userId, String listId, long deadline) {
    Map<String, AttributeValue> start = null;
    while (true) {
      QueryRequest page =
          QueryRequest.builder()
              .tableName(tableName)
              .keyConditionExpression("#pk = :pk AND begins_with(#sk, :tasks)")
              .filterExpression("#list_id = :list_id")
              .projectionExpression("#task_id")
              .expressionAttributeNames(
                  Map.of("#pk", TableKeys.PARTITION_KEY, "#sk", TableKeys.SORT_KEY, "#list_id", TaskItem.LIST_ID,
                      "#task_id", TaskItem.TASK_ID))
              .expressionAttributeValues(
                  Map.of(
                      ":pk", AttributeValue.fromS(TaskItem.partitionKey(userId)),
                      ":tasks", AttributeValue.fromS(TaskItem.SORT_PREFIX),
                      ":list_id", AttributeValue.fromS(listId)))
              .consistentRead(true)
              .limit(PAGE)
              .exclusiveStartKey(start)
              .build();
      QueryResponse response = DynamoDbErrors.call(() -> client.query(page));
      deletions.delete(userId, response.items().stream().map(item -> item.get(TaskItem.TASK_ID).s()).toList());
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      start = response.lastEvaluatedKey();
    }
  }
}
