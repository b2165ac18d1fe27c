package dev.taskapi.store.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.taskapi.domain.Task;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The task item: {@code pk = USER#<user id>}, {@code sk = TASK#<task id>}. All of a user's tasks share one
 * partition (with the user's Idempotency-Key records, {@code sk = IDEMPOTENCY#<key>}, so deleting the partition
 * deletes both), so a page of them is one Query; task ids are UUIDv7, so the sort key orders them by creation and
 * "newest first" is a reverse Query, with no Scan, index or filter.
 *
 * <p>The local secondary index {@value TaskItem#BY_COMPLETED} re-sorts the same partition by {@code completed_sk =
 * <0|1>#<task id>}: the open or the completed tasks are then one contiguous, newest-first key range, so a filtered
 * page is one strongly consistent Query with {@code begins_with}, never a filter that can return empty pages.
 *
 * <p>Items written before tasks had {@code completed}, {@code updated_at} and {@code version} read as not
 * completed, updated when created, and version 0.
 */
final class TaskSchema {
  static final TableSchema<Task> SCHEMA =
      StaticImmutableTableSchema.builder(Task.class, Builder.class)
          .newItemBuilder(Builder::new, Builder::build)
          .addAttribute(
              String.class,
              a -> a.name(TableKeys.PARTITION_KEY).getter(t -> TaskItem.partitionKey(t.userId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
          .addAttribute(
              String.class,
              a -> a.name(TableKeys.SORT_KEY).getter(t -> TaskItem.SORT_PREFIX + t.id()).setter((b, v) -> {}).tags(primarySortKey()))
          .addAttribute(String.class, a -> a.name(TaskItem.TASK_ID).getter(Task::id).setter(Builder::id))
          .addAttribute(String.class, a -> a.name(TaskItem.USER_ID).getter(Task::userId).setter(Builder::userId))
          .addAttribute(String.class, a -> a.name(TaskItem.TITLE).getter(Task::title).setter(Builder::title))
          .addAttribute(String.class, a -> a.name(TaskItem.DESCRIPTION).getter(Task::description).setter(Builder::description))
          .addAttribute(Instant.class, a -> a.name(TaskItem.CREATED_AT).getter(Task::createdAt).setter(Builder::createdAt))
          .addAttribute(Boolean.class, a -> a.name(TaskItem.COMPLETED).getter(Task::completed).setter(Builder::completed))
          .addAttribute(Instant.class, a -> a.name(TaskItem.UPDATED_AT).getter(Task::updatedAt).setter(Builder::updatedAt))
          .addAttribute(Long.class, a -> a.name(TaskItem.VERSION).getter(Task::version).setter(Builder::version))
          .addAttribute(
              String.class,
              a ->
                  a.name(TaskItem.COMPLETED_SK)
                      .getter(t -> completedSortKey(t.completed(), t.id()))
                      .setter((b, v) -> {})
                      .tags(secondarySortKey(TaskItem.BY_COMPLETED)))
          .build();

  private TaskSchema() {}

  static Key key(String userId, String taskId) {
    return Key.builder().partitionValue(TaskItem.partitionKey(userId)).sortValue(TaskItem.SORT_PREFIX + taskId).build();
  }

  /** The by-completed index's sort key: the state first, so each state's tasks form one range. */
  static String completedSortKey(boolean completed, String taskId) {
    return completedPrefix(completed) + taskId;
  }

  static String completedPrefix(boolean completed) {
    return completed ? "1#" : "0#";
  }

  /** The enhanced client's immutable-item builder; the key attributes are derived, so their setters ignore. */
  static final class Builder {
    private String id;
    private String userId;
    private String title;
    private String description;
    private Instant createdAt;
    private Boolean completed;
    private Instant updatedAt;
    private Long version;

    void id(String value) {
      id = value;
    }

    void userId(String value) {
      userId = value;
    }

    void title(String value) {
      title = value;
    }

    void description(String value) {
      description = value;
    }

    void createdAt(Instant value) {
      createdAt = value;
    }

    void completed(Boolean value) {
      completed = value;
    }

    void updatedAt(Instant value) {
      updatedAt = value;
    }

    void version(Long value) {
      version = value;
    }

    Task build() {
      return new Task(
          id,
          userId,
          title,
          description,
          createdAt,
          Boolean.TRUE.equals(completed),
          updatedAt == null ? createdAt : updatedAt,
          version == null ? 0 : version);
    }
  }
}
