package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Patch;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskSort;
import dev.taskapi.schema.TaskItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The Update of a task edit, an item of the change log's TransactWriteItems: sets only the changed fields and
 * {@code updated_at}, and increments {@code version}. Its condition is that the task exists and, when the client
 * sent If-Match, that its version is still the one the client read: of concurrent edits from the same version,
 * exactly one passes. A refusal returns the item as it was (ALL_OLD), so the caller can tell a missing task from a
 * stale version without reading. Built as an {@link Update} directly, not as an UpdateItemRequest converted: every
 * edit is transactional, and the request's model class (with its builder and about 30 field accessors spun at its
 * first use) would load on a write's cold start for nothing.
 */
final class TaskUpdate {
  private TaskUpdate() {}

  static Update request(
      String tableName,
      String userId,
      String taskId,
      TaskChanges changes,
      Optional<Placement> placement,
      Optional<Long> requiredVersion,
      Instant now) {
    Clauses clauses = new Clauses();
    clauses.names.put("#pk", "pk");
    clauses.names.put("#version", TaskItem.VERSION);
    clauses.values.put(":zero", AttributeValue.fromN("0"));
    clauses.values.put(":one", AttributeValue.fromN("1"));
    clauses.sets.add("#version = if_not_exists(#version, :zero) + :one");
    clauses.set(TaskItem.UPDATED_AT, AttributeValue.fromS(now.toString()));
    TaskChanges effective = changes.at(now);
    for (TaskField<?> field : TaskFields.ALL) {
      clauses.patch(field, effective.patch(field));
    }
    clauses.names.put("#" + TaskItem.COMPLETED_SK, TaskItem.COMPLETED_SK);
    if (effective.patch(TaskFields.COMPLETED) instanceof Patch.SetTo<Boolean>(Boolean completed)) {
      clauses.values.put(":completed_sk", sortKey(completed, taskId));
      clauses.sets.add("#completed_sk = :completed_sk");
    } else {
      // Keep the index key; an item from before the index had none and was not completed.
      clauses.values.put(":open_sk", sortKey(false, taskId));
      clauses.sets.add("#completed_sk = if_not_exists(#completed_sk, :open_sk)");
    }
    if (placement.isPresent()) {
      // A move: the list, the position and the index key they make, together.
      clauses.set(TaskItem.LIST_ID, AttributeValue.fromS(placement.get().listId()));
      clauses.set(TaskItem.POSITION, AttributeValue.fromS(placement.get().position()));
      clauses.set(TaskItem.POSITION_SK, AttributeValue.fromS(placement.get().sortKey(taskId)));
      // And its parent and depth: a top-level task stores neither (as TaskSchema writes it).
      if (placement.get().topLevel()) {
        clauses.remove(TaskItem.PARENT_ID);
        clauses.remove(TaskItem.DEPTH);
      } else {
        clauses.set(TaskItem.PARENT_ID, AttributeValue.fromS(placement.get().parentId()));
        clauses.set(TaskItem.DEPTH, AttributeValue.fromN(Integer.toString(placement.get().depth())));
      }
    } else {
      // An item written before the by-position index has no key in it: any edit puts it there. (Only a move
      // changes a placement, so a key already there stays right.)
      clauses.names.put("#" + TaskItem.POSITION_SK, TaskItem.POSITION_SK);
      clauses.values.put(":position_sk", AttributeValue.fromS(TaskSchema.unplacedSortKey(userId, taskId)));
      clauses.sets.add("#position_sk = if_not_exists(#position_sk, :position_sk)");
    }
    // An item written before the by-created index has no key in it either: any edit puts it there. Such an item's
    // id is the server's UUIDv7, whose instant is its created_at; every later item was written with its key.
    clauses.names.put("#" + TaskItem.CREATED_SK, TaskItem.CREATED_SK);
    clauses.values.put(":created_sk", AttributeValue.fromS(TaskSort.createdKeyOfServerId(taskId)));
    clauses.sets.add("#created_sk = if_not_exists(#created_sk, :created_sk)");
    String condition = "attribute_exists(#pk)";
    if (requiredVersion.isPresent()) {
      long version = requiredVersion.get();
      // Items from before versions existed have none and count as version 0.
      condition +=
          version == 0 ? " AND attribute_not_exists(#version)" : " AND #version = :required";
      if (version != 0) {
        clauses.values.put(":required", AttributeValue.fromN(Long.toString(version)));
      }
    }
    return Update.builder()
        .tableName(tableName)
        .key(TaskSchema.key(userId, taskId).keyMap(TaskSchema.SCHEMA, TableMetadata.primaryIndexName()))
        .updateExpression(clauses.expression())
        .conditionExpression(condition)
        .expressionAttributeNames(clauses.names)
        .expressionAttributeValues(clauses.values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private static AttributeValue sortKey(boolean completed, String taskId) {
    return AttributeValue.fromS(TaskSchema.completedSortKey(completed, taskId));
  }

  /** The SET and REMOVE clauses of one update expression, with their names and values. */
  private static final class Clauses {
    final Map<String, String> names = new HashMap<>();
    final Map<String, AttributeValue> values = new HashMap<>();
    final List<String> sets = new ArrayList<>();
    final List<String> removes = new ArrayList<>();

    void set(String name, AttributeValue value) {
      names.put("#" + name, name);
      values.put(":" + name, value);
      sets.add("#" + name + " = :" + name);
    }

    /**
     * The clause of one field's patch: a value sets the attribute (or removes it when the value is stored as no
     * attribute, an empty one), a clear removes it, a first value sets it only where there is none.
     */
    void patch(TaskField<?> field, Patch<?> patch) {
      // An instanceof chain rather than a type switch, which is bootstrapped (a class spun) at its first run.
      String name = field.name();
      if (patch instanceof Patch.SetTo<?> set) {
        Object stored = field.storedValue(set.value());
        if (stored == null) {
          remove(name);
        } else {
          set(name, NeutralValues.CONVERTER.transformFrom(stored));
        }
      } else if (patch instanceof Patch.Clear<?>) {
        remove(name);
      } else if (patch instanceof Patch.SetIfAbsent<?> first) {
        names.put("#" + name, name);
        values.put(":" + name, NeutralValues.CONVERTER.transformFrom(field.storedValue(first.value())));
        sets.add("#" + name + " = if_not_exists(#" + name + ", :" + name + ")");
      }
    }

    void remove(String name) {
      names.put("#" + name, name);
      removes.add("#" + name);
    }

    String expression() {
      String expression = "SET " + String.join(", ", sets);
      return removes.isEmpty() ? expression : expression + " REMOVE " + String.join(", ", removes);
    }
  }
}
