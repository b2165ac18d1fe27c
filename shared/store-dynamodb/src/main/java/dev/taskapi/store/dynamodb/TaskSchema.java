package dev.taskapi.store.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.TaskValues;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
 * <p>The global secondary index {@value TaskItem#BY_POSITION} sorts the partition by {@code position_sk =
 * <list id>#<parent id>#<position>#<task id>}: a list's tasks in the user's order are one key range. The global
 * secondary index {@value TaskItem#BY_CREATED} sorts it by {@code created_sk = <created millis>#<task id>}: creation
 * order whatever the ids (a client's id, {@code uuid} on create, is not time-ordered).
 *
 * <p>Items written before tasks had {@code completed}, {@code updated_at} and {@code version} read as not
 * completed, updated when created, and version 0; before placements, as in the default list at the initial
 * position ({@link Placement#loaded}).
 */
final class TaskSchema {
  static final TableSchema<Task> SCHEMA = build();

  private TaskSchema() {}

  /**
   * The identity and key attributes, then one attribute per task field, named as the field and converted by its
   * own storage codec through {@link NeutralValues}: a new field needs no line here. (The loop's lambdas are one
   * class each whatever the number of fields.)
   */
  private static TableSchema<Task> build() {
    StaticImmutableTableSchema.Builder<Task, Builder> schema =
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
            .addAttribute(Instant.class, a -> a.name(TaskItem.CREATED_AT).getter(Task::createdAt).setter(Builder::createdAt))
            .addAttribute(Instant.class, a -> a.name(TaskItem.UPDATED_AT).getter(Task::updatedAt).setter(Builder::updatedAt))
            .addAttribute(Long.class, a -> a.name(TaskItem.VERSION).getter(Task::version).setter(Builder::version))
            .addAttribute(
                String.class, a -> a.name(TaskItem.LIST_ID).getter(t -> t.placement().listId()).setter(Builder::listId))
            .addAttribute(
                String.class,
                a -> a.name(TaskItem.POSITION).getter(t -> t.placement().position()).setter(Builder::position))
            // A top-level task stores no parent, depth or count (null attributes are not written): its item is
            // the same as before sub-tasks existed.
            .addAttribute(
                String.class,
                a ->
                    a.name(TaskItem.PARENT_ID)
                        .getter(t -> t.placement().topLevel() ? null : t.placement().parentId())
                        .setter(Builder::parentId))
            .addAttribute(
                Integer.class,
                a ->
                    a.name(TaskItem.DEPTH)
                        .getter(t -> t.placement().depth() == 0 ? null : t.placement().depth())
                        .setter(Builder::depth))
            .addAttribute(
                Long.class,
                a ->
                    a.name(TaskItem.CHILDREN)
                        .getter(t -> t.placement().children() == 0 ? null : t.placement().children())
                        .setter(Builder::children))
            .addAttribute(
                String.class,
                a ->
                    a.name(TaskItem.COMPLETED_SK)
                        .getter(t -> completedSortKey(t.completed(), t.id()))
                        .setter((b, v) -> {})
                        .tags(secondarySortKey(TaskItem.BY_COMPLETED)))
            .addAttribute(
                String.class,
                a ->
                    a.name(TaskItem.POSITION_SK)
                        .getter(TaskSchema::positionSortKey)
                        .setter((b, v) -> {})
                        .tags(secondarySortKey(TaskItem.BY_POSITION)))
            .addAttribute(
                String.class,
                a ->
                    a.name(TaskItem.CREATED_SK)
                        .getter(TaskSchema::createdSortKey)
                        .setter((b, v) -> {})
                        .tags(secondarySortKey(TaskItem.BY_CREATED)));
    for (TaskField<?> field : TaskFields.ALL) {
      schema.addAttribute(
          NeutralValues.CONVERTER.type(),
          a ->
              a.name(field.name())
                  .getter(t -> field.stored(t.values()))
                  .setter((b, v) -> b.stored(field, v))
                  .attributeConverter(NeutralValues.CONVERTER));
    }
    return schema.build();
  }

  static Key key(String userId, String taskId) {
    return Key.builder().partitionValue(TaskItem.partitionKey(userId)).sortValue(TaskItem.SORT_PREFIX + taskId).build();
  }

  /** The by-completed index's sort key: the state first, so each state's tasks form one range. */
  static String completedSortKey(boolean completed, String taskId) {
    return completedPrefix(completed) + taskId;
  }

  /** The by-position index's sort key: always from the task's real list and position. */
  static String positionSortKey(Task task) {
    return task.placement().sortKey(task.id());
  }

  /** The by-created index's sort key: the task's creation time, then its id. */
  static String createdSortKey(Task task) {
    return TaskItem.createdSortKey(task.createdAt().toEpochMilli(), task.id());
  }

  /**
   * The by-position index's sort key of an item written before placements, which has neither list nor position:
   * a top-level task of its owner's default list at its initial position.
   */
  static String unplacedSortKey(String userId, String taskId) {
    return Placement.loaded(userId, taskId, null, null).sortKey(taskId);
  }

  static String completedPrefix(boolean completed) {
    return completed ? "1#" : "0#";
  }

  /**
   * The enhanced client's immutable-item builder; the key attributes are derived, so their setters ignore. A field
   * the item does not have (one added after it was written) reads as the field's absent value.
   */
  static final class Builder {
    private String id;
    private String userId;
    private Instant createdAt;
    private Instant updatedAt;
    private Long version;
    private String listId;
    private String position;
    private String parentId;
    private Integer depth;
    private Long children;
    private final Map<TaskField<?>, Object> stored = new HashMap<>();

    void id(String value) {
      id = value;
    }

    void userId(String value) {
      userId = value;
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

    void listId(String value) {
      listId = value;
    }

    void position(String value) {
      position = value;
    }

    void parentId(String value) {
      parentId = value;
    }

    void depth(Integer value) {
      depth = value;
    }

    void children(Long value) {
      children = value;
    }

    void stored(TaskField<?> field, Object value) {
      stored.put(field, value);
    }

    Task build() {
      return new Task(
          id,
          userId,
          createdAt,
          updatedAt == null ? createdAt : updatedAt,
          version == null ? 0 : version,
          Placement.loaded(userId, id, listId, parentId, depth, position, children),
          TaskValues.loaded(stored::get));
    }
  }
}
