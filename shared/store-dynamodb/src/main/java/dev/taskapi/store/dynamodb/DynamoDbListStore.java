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
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ListStore} on the API's table: list items in their owner's partition ({@link ListItem}), so every read is
 * one GetItem or one Query of the {@code LIST#} range, and no index is needed. The default list is never stored
 * until it is renamed; every write is conditional.
 */
public final class DynamoDbListStore implements ListStore {
  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbTable<StoredList> table;

  public DynamoDbListStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
    this.table = DynamoDbClients.table(client, tableName, ListSchema.SCHEMA);
  }

  /**
   * One TransactWriteItems: the account's ConditionCheck (as a task's create), the counter's increment on the
   * condition that it is below the limit, and the list's Put on the condition that its id is new. All or nothing.
   */
  @Override
  public Optional<TakenId<TaskList>> create(TaskList list, Optional<String> fingerprint, String ownerEmail) {
    Map<String, AttributeValue> item = new HashMap<>(ListSchema.SCHEMA.itemToMap(new StoredList(list, false), true));
    fingerprint.ifPresent(f -> item.put(ListItem.CREATE_FINGERPRINT, AttributeValue.fromS(f)));
    TransactWriteItemsRequest transaction =
        TransactWriteItemsRequest.builder()
            .transactItems(
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
                    .build())
            .build();
    try {
      DynamoDbErrors.call(() -> client.transactWriteItems(transaction));
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
    QueryEnhancedRequest query =
        QueryEnhancedRequest.builder()
            .queryConditional(
                QueryConditional.sortBeginsWith(
                    Key.builder().partitionValue(TaskItem.partitionKey(userId)).sortValue(ListItem.SORT_PREFIX).build()))
            .consistentRead(true)
            .build();
    Page<StoredList> page = DynamoDbErrors.call(() -> table.query(query).iterator().next());
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
    StoredList stored = DynamoDbErrors.call(() -> table.getItem(get));
    if (stored == null) {
      return listId.equals(TaskLists.defaultListId(userId)) ? Optional.of(TaskLists.neverWritten(userId)) : Optional.empty();
    }
    return stored.deleting() ? Optional.empty() : Optional.of(stored.list());
  }

  /**
   * One UpdateItem: the title, {@code updated_at} and the version's increment, and (for the default list's first
   * write) its id, owner and creation time where absent. A list other than the default must exist and not be
   * being deleted; the default one needs no item (its key is its one id, so no write can make a second). With
   * If-Match, the version must match (a never-written item is version 0). A refusal returns the item as it was.
   */
  @Override
  public Optional<TaskList> rename(
      String userId, String listId, String title, Optional<Long> requiredVersion, Instant now) {
    boolean isDefault = listId.equals(TaskLists.defaultListId(userId));
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
    values.put(":list_id", AttributeValue.fromS(listId));
    values.put(":user_id", AttributeValue.fromS(userId));
    List<String> conditions = new ArrayList<>();
    if (!isDefault) {
      names.put("#pk", TableKeys.PARTITION_KEY);
      names.put("#deleting", ListItem.DELETING);
      conditions.add("attribute_exists(#pk) AND attribute_not_exists(#deleting)");
    }
    requiredVersion.ifPresent(version -> {
      if (version == 0) {
        conditions.add("attribute_not_exists(#version)");
      } else {
        conditions.add("#version = :required");
        values.put(":required", AttributeValue.fromN(Long.toString(version)));
      }
    });
    UpdateItemRequest.Builder update =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(ListSchema.keyMap(userId, listId))
            .updateExpression(
                "SET #title = :title, #updated_at = :now, #version = if_not_exists(#version, :zero) + :one, "
                    + "#created_at = if_not_exists(#created_at, :created_at), #list_id = :list_id, #user_id = :user_id")
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .returnValues(ReturnValue.ALL_NEW)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (!conditions.isEmpty()) {
      update.conditionExpression(String.join(" AND ", conditions));
    }
    UpdateItemRequest request = update.build();
    try {
      Map<String, AttributeValue> stored = DynamoDbErrors.call(() -> client.updateItem(request)).attributes();
      return Optional.of(ListSchema.SCHEMA.mapToItem(stored).list());
    } catch (ConditionalCheckFailedException e) {
      // The default list always exists, so its refusal is always the version; another list's is the version only
      // when the item was there and not being deleted.
      if (!isDefault && (!e.hasItem() || e.item().isEmpty() || e.item().containsKey(ListItem.DELETING))) {
        return Optional.empty();
      }
      throw new PreconditionFailedException(
          "The list has changed since the version in If-Match; nothing was changed. Read it again.");
    }
  }

  /**
   * An UpdateItem marking the list as being deleted; Query pages of the user's tasks filtered to the list's, each
   * deleted with BatchWriteItem ({@link PartitionDeletion#deleteMatching}); then one TransactWriteItems deleting
   * the list item and counting it off the account's lists.
   */
  @Override
  public Deletion delete(String userId, String listId, Duration budget) {
    if (listId.equals(TaskLists.defaultListId(userId))) {
      throw new IllegalArgumentException("the default list is never deleted");
    }
    Map<String, AttributeValue> key = ListSchema.keyMap(userId, listId);
    UpdateItemRequest mark =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(key)
            .updateExpression("SET #deleting = :true")
            .conditionExpression("attribute_exists(#pk)")
            .expressionAttributeNames(Map.of("#deleting", ListItem.DELETING, "#pk", TableKeys.PARTITION_KEY))
            .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))
            .build();
    try {
      DynamoDbErrors.call(() -> client.updateItem(mark));
    } catch (ConditionalCheckFailedException e) {
      return Deletion.NOT_FOUND;
    }
    QueryRequest tasksOfList =
        QueryRequest.builder()
            .tableName(tableName)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :tasks)")
            .filterExpression("#list_id = :list_id")
            .expressionAttributeNames(
                Map.of("#pk", TableKeys.PARTITION_KEY, "#sk", TableKeys.SORT_KEY, "#list_id", TaskItem.LIST_ID))
            .expressionAttributeValues(
                Map.of(
                    ":pk", AttributeValue.fromS(TaskItem.partitionKey(userId)),
                    ":tasks", AttributeValue.fromS(TaskItem.SORT_PREFIX),
                    ":list_id", AttributeValue.fromS(listId)))
            .build();
    if (!PartitionDeletion.deleteMatching(client, tasksOfList, budget)) {
      return Deletion.UNFINISHED;
    }
    TransactWriteItemsRequest transaction =
        TransactWriteItemsRequest.builder()
            .transactItems(
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
                    .build())
            .build();
    try {
      DynamoDbErrors.call(() -> client.transactWriteItems(transaction));
      return Deletion.DELETED;
    } catch (TransactionCanceledException e) {
      if (DynamoDbErrors.conditionFailed(e, 0)) {
        return Deletion.NOT_FOUND; // a concurrent request finished the deletion first
      }
      throw DynamoDbErrors.unavailable();
    }
  }
}
