package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.TaskChanges;
import dev.taskapi.schema.TaskItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The UpdateItem of a task edit: sets only the changed fields and {@code updated_at}, increments
 * {@code version}, and returns the whole new item, in one round trip. Its condition is that the task exists and,
 * when the client sent If-Match, that its version is still the one the client read: of concurrent edits from the
 * same version, exactly one passes. A refusal returns the item as it was (ALL_OLD), so the caller can tell a
 * missing task from a stale version without reading.
 */
final class TaskUpdate {
  private TaskUpdate() {}

  static UpdateItemRequest request(
      String tableName,
      Map<String, AttributeValue> key,
      String taskId,
      TaskChanges changes,
      Optional<Long> requiredVersion,
      Instant now) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    names.put("#pk", "pk");
    names.put("#version", TaskItem.VERSION);
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    sets.add("#version = if_not_exists(#version, :zero) + :one");
    set(sets, names, values, TaskItem.UPDATED_AT, AttributeValue.fromS(now.toString()));
    if (changes.title() != null) {
      set(sets, names, values, TaskItem.TITLE, AttributeValue.fromS(changes.title()));
    }
    if (changes.description() != null) {
      set(sets, names, values, TaskItem.DESCRIPTION, AttributeValue.fromS(changes.description()));
    }
    names.put("#" + TaskItem.COMPLETED_SK, TaskItem.COMPLETED_SK);
    if (changes.completed() != null) {
      set(sets, names, values, TaskItem.COMPLETED, AttributeValue.fromBool(changes.completed()));
      values.put(":completed_sk", sortKey(changes.completed(), taskId));
      sets.add("#completed_sk = :completed_sk");
    } else {
      // Keep the index key; an item from before the index had none and was not completed.
      values.put(":open_sk", sortKey(false, taskId));
      sets.add("#completed_sk = if_not_exists(#completed_sk, :open_sk)");
    }
    String condition = "attribute_exists(#pk)";
    if (requiredVersion.isPresent()) {
      long version = requiredVersion.get();
      // Items from before versions existed have none and count as version 0.
      condition +=
          version == 0 ? " AND attribute_not_exists(#version)" : " AND #version = :required";
      if (version != 0) {
        values.put(":required", AttributeValue.fromN(Long.toString(version)));
      }
    }
    return UpdateItemRequest.builder()
        .tableName(tableName)
        .key(key)
        .updateExpression("SET " + String.join(", ", sets))
        .conditionExpression(condition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .returnValues(ReturnValue.ALL_NEW)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private static AttributeValue sortKey(boolean completed, String taskId) {
    return AttributeValue.fromS(TaskSchema.completedSortKey(completed, taskId));
  }

  private static void set(
      List<String> sets, Map<String, String> names, Map<String, AttributeValue> values, String name, AttributeValue value) {
    names.put("#" + name, name);
    values.put(":" + name, value);
    sets.add("#" + name + " = :" + name);
  }
}
