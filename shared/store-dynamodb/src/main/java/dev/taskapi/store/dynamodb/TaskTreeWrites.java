package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Move;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.Subtree;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The items of the transactions that change a tree of tasks: a sub-task's create or move raising its new parent's
 * {@value TaskItem#CHILDREN} count, the checks that keep a re-parenting from making a cycle, a moved subtree's
 * sub-tasks, and a cascade delete's deletes. Each is conditional on what the write's read saw, so a concurrent
 * change cancels the whole transaction (and the caller reads again) rather than leaving a tree half changed.
 */
final class TaskTreeWrites {
  private final String tableName;

  TaskTreeWrites(String tableName) {
    this.tableName = tableName;
  }

  /**
   * The Update of the parent of a sub-task created or moved to {@code child}: {@code ADD children 1}, if the parent
   * is there in the sub-task's list (an item with no {@value TaskItem#LIST_ID}, from before lists, is in the default
   * list). Its version and {@code updated_at} stay: adding a sub-task is not an edit of the parent, and a client's
   * If-Match on it holds.
   */
  TransactWriteItem parentUpdate(String userId, Placement child) {
    return parentUpdate(userId, child, Optional.empty());
  }

  /**
   * The same for a move, conditional as well on the new parent {@code parent} still being under the parent it was
   * read under: with {@link #linkCheck} on each of its ancestors, the chain from the new parent to the top level is
   * the one read when the move commits, and that chain did not hold the moved task ({@link Move#checkNoCycle}).
   */
  TransactWriteItem newParentUpdate(String userId, Placement child, Task parent) {
    return parentUpdate(userId, child, Optional.of(parent.placement().parentId()));
  }

  private TransactWriteItem parentUpdate(String userId, Placement child, Optional<String> parentsParent) {
    boolean defaultList = child.listId().equals(TaskLists.defaultListId(userId));
    String inList = defaultList ? "(attribute_not_exists(#list_id) OR #list_id = :list_id)" : "#list_id = :list_id";
    Map<String, String> names = names();
    names.put("#list_id", TaskItem.LIST_ID);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":list_id", AttributeValue.fromS(child.listId()));
    String condition = "attribute_exists(#pk) AND " + inList;
    if (parentsParent.isPresent()) {
      condition += " AND " + sameParent(parentsParent.get(), names, values);
    }
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tableName)
                .key(key(userId, child.parentId()))
                .updateExpression("ADD #children :one")
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build())
        .build();
  }

  /** A check that the task {@code ancestor} is still under the parent it was read under (top level: none). */
  TransactWriteItem linkCheck(String userId, Task ancestor) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", TableKeys.PARTITION_KEY));
    Map<String, AttributeValue> values = new HashMap<>();
    String condition = "attribute_exists(#pk) AND " + sameParent(ancestor.placement().parentId(), names, values);
    ConditionCheck.Builder check = ConditionCheck.builder()
        .tableName(tableName)
        .key(key(userId, ancestor.id()))
        .conditionExpression(condition)
        .expressionAttributeNames(names);
    if (!values.isEmpty()) {
      check.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().conditionCheck(check.build()).build();
  }

  /**
   * The Update of one sub-task of a moved subtree: its list, its depth ({@code to}'s plus its level) and its
   * by-position key change with its root's, and, since what it answers changes, its {@code updated_at} and version
   * too. Conditional on its version, parent and {@value TaskItem#CHILDREN} count being as read: so a sub-task edited,
   * moved away, deleted, or given a sub-task since the read cancels the move.
   */
  TransactWriteItem subtreeMember(String userId, Subtree.Member member, Move.Destination to, Instant now) {
    Subtree.SubTask task = member.task();
    Placement placed =
        new Placement(to.listId(), task.parentId(), to.depth() + member.level(), task.position(), task.children());
    Map<String, String> names = names();
    names.put("#list_id", TaskItem.LIST_ID);
    names.put("#depth", TaskItem.DEPTH);
    names.put("#position", TaskItem.POSITION);
    names.put("#position_sk", TaskItem.POSITION_SK);
    names.put("#updated_at", TaskItem.UPDATED_AT);
    names.put("#version", TaskItem.VERSION);
    names.put("#parent_id", TaskItem.PARENT_ID);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":list_id", AttributeValue.fromS(placed.listId()));
    values.put(":depth", AttributeValue.fromN(Integer.toString(placed.depth())));
    values.put(":position", AttributeValue.fromS(placed.position()));
    values.put(":position_sk", AttributeValue.fromS(placed.sortKey(task.id())));
    values.put(":updated_at", AttributeValue.fromS(now.toString()));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":parent_id", AttributeValue.fromS(task.parentId()));
    String condition = "attribute_exists(#pk) AND #parent_id = :parent_id AND " + sameChildren(task.children(), values);
    if (task.version() == 0) {
      condition += " AND attribute_not_exists(#version)";
    } else {
      condition += " AND #version = :version";
      values.put(":version", AttributeValue.fromN(Long.toString(task.version())));
    }
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tableName)
                .key(key(userId, task.id()))
                .updateExpression(
                    "SET #list_id = :list_id, #depth = :depth, #position = :position, #position_sk = :position_sk,"
                        + " #updated_at = :updated_at, #version = if_not_exists(#version, :zero) + :one")
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build())
        .build();
  }

  /**
   * The Delete of one sub-task of a deleted subtree, conditional on its parent and {@value TaskItem#CHILDREN} count
   * being as read: one moved out of the subtree since is not deleted, and one that got a sub-task since is not
   * deleted without it (the delete reads again).
   */
  TransactWriteItem deleteMember(String userId, Subtree.SubTask task) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":parent_id", AttributeValue.fromS(task.parentId()));
    Map<String, String> names = names();
    names.put("#parent_id", TaskItem.PARENT_ID);
    names.remove("#pk");
    return delete(userId, task.id(), "#parent_id = :parent_id AND " + sameChildren(task.children(), values), names,
        values);
  }

  /**
   * The Delete of a cascade's root, last, conditional on its {@value TaskItem#CHILDREN} count being {@code children}
   * as read: a sub-task created under it since (which the read did not delete) cancels it, so none is orphaned.
   */
  TransactWriteItem deleteRoot(String userId, String taskId, long children) {
    Map<String, AttributeValue> values = new HashMap<>();
    Map<String, String> names = names();
    names.remove("#pk");
    return delete(userId, taskId, sameChildren(children, values), names, values);
  }

  private TransactWriteItem delete(
      String userId, String taskId, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    Delete.Builder delete = Delete.builder()
        .tableName(tableName)
        .key(key(userId, taskId))
        .conditionExpression(condition)
        .expressionAttributeNames(names);
    if (!values.isEmpty()) {
      delete.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().delete(delete.build()).build();
  }

  /**
   * The condition that an item's {@value TaskItem#CHILDREN} count is {@code children} as read (0: no attribute),
   * its value put in {@code values}. The count only grows, so an equal count means no sub-task came since.
   */
  static String sameChildren(long children, Map<String, AttributeValue> values) {
    if (children == 0) {
      return "attribute_not_exists(#children)";
    }
    values.put(":children", AttributeValue.fromN(Long.toString(children)));
    return "#children = :children";
  }

  /**
   * The condition that an item's parent is {@code parentId} ({@code ""}: none, a top-level task), its name and value
   * put in {@code names} and {@code values}.
   */
  private static String sameParent(String parentId, Map<String, String> names, Map<String, AttributeValue> values) {
    names.put("#parent_id", TaskItem.PARENT_ID);
    if (parentId.isEmpty()) {
      return "attribute_not_exists(#parent_id)";
    }
    values.put(":parent_id", AttributeValue.fromS(parentId));
    return "#parent_id = :parent_id";
  }

  private static Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    names.put("#pk", TableKeys.PARTITION_KEY);
    names.put("#children", TaskItem.CHILDREN);
    return names;
  }

  private static Map<String, AttributeValue> key(String userId, String taskId) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(TaskItem.SORT_PREFIX + taskId));
  }
}
