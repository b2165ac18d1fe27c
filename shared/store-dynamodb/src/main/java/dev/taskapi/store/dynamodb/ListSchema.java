package dev.taskapi.store.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.taskapi.domain.TaskList;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The list item ({@link ListItem}): {@code pk = USER#<user id>}, {@code sk = LIST#<list id>}, mapped to a {@link
 * StoredList}, the list and whether its deletion has begun ({@code deleting}, written only when true).
 */
final class ListSchema {
  /** A list as stored: {@code deleting} once its deletion has begun, when it reads as absent. */
  record StoredList(TaskList list, boolean deleting) {}

  static final TableSchema<StoredList> SCHEMA =
      StaticImmutableTableSchema.builder(StoredList.class, Builder.class)
          .newItemBuilder(Builder::new, Builder::build)
          .addAttribute(
              String.class,
              a -> a.name(TableKeys.PARTITION_KEY).getter(s -> TaskItem.partitionKey(s.list().userId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
          .addAttribute(
              String.class,
              a -> a.name(TableKeys.SORT_KEY).getter(s -> ListItem.sortKey(s.list().id())).setter((b, v) -> {}).tags(primarySortKey()))
          .addAttribute(String.class, a -> a.name(ListItem.LIST_ID).getter(s -> s.list().id()).setter(Builder::id))
          .addAttribute(String.class, a -> a.name(ListItem.USER_ID).getter(s -> s.list().userId()).setter(Builder::userId))
          .addAttribute(String.class, a -> a.name(ListItem.TITLE).getter(s -> s.list().title()).setter(Builder::title))
          .addAttribute(Instant.class, a -> a.name(ListItem.CREATED_AT).getter(s -> s.list().createdAt()).setter(Builder::createdAt))
          .addAttribute(Instant.class, a -> a.name(ListItem.UPDATED_AT).getter(s -> s.list().updatedAt()).setter(Builder::updatedAt))
          .addAttribute(Long.class, a -> a.name(ListItem.VERSION).getter(s -> s.list().version()).setter(Builder::version))
          .addAttribute(
              Boolean.class,
              a -> a.name(ListItem.DELETING).getter(s -> s.deleting() ? Boolean.TRUE : null).setter(Builder::deleting))
          .build();

  private ListSchema() {}

  static Key key(String userId, String listId) {
    return Key.builder().partitionValue(TaskItem.partitionKey(userId)).sortValue(ListItem.sortKey(listId)).build();
  }

  static Map<String, AttributeValue> keyMap(String userId, String listId) {
    return key(userId, listId).keyMap(SCHEMA, TableMetadata.primaryIndexName());
  }

  /** The account's list counter ({@link ListItem#COUNTER_SORT_KEY}), beside its lists. */
  /**
   * A transaction's check that the user's list {@code listId} exists and is not being deleted: what a task's create
   * into it or move to it is conditional on, so no task enters a list whose deletion has begun (the deletion's sweep,
   * which comes after its mark, would miss it). Never for the default list, which needs no item.
   */
  static TransactWriteItem liveListCheck(String tableName, String userId, String listId) {
    return TransactWriteItem.builder()
        .conditionCheck(
            ConditionCheck.builder()
                .tableName(tableName)
                .key(keyMap(userId, listId))
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#deleting)")
                .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY, "#deleting", ListItem.DELETING))
                .build())
        .build();
  }

  static Map<String, AttributeValue> counterKey(String userId) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(ListItem.COUNTER_SORT_KEY));
  }

  /** The enhanced client's immutable-item builder; the key attributes are derived, so their setters ignore. */
  static final class Builder {
    private String id;
    private String userId;
    private String title;
    private Instant createdAt;
    private Instant updatedAt;
    private Long version;
    private Boolean deleting;

    void id(String value) {
      id = value;
    }

    void userId(String value) {
      userId = value;
    }

    void title(String value) {
      title = value;
    }

    void createdAt(Instant value) {
      createdAt = value;
    }

    void updatedAt(Instant value) {
      updatedAt = value;
    }

    void version(Long value) {
      version = value;
    }

    void deleting(Boolean value) {
      deleting = value;
    }

    StoredList build() {
      return new StoredList(
          new TaskList(id, userId, title, createdAt, updatedAt, version == null ? 0 : version),
          Boolean.TRUE.equals(deleting));
    }
  }
}
