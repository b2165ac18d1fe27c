package dev.taskapi.domain;

import java.util.List;
import java.util.Optional;

/**
 * A move of one task, with its sub-tasks: to a list ({@code listId}; empty: it stays in its own), under a parent
 * ({@code parentId}: {@code ""} the top level, empty: its own parent) and to a place among its new siblings
 * ({@link Anchor}). A PATCH of {@code list_id} or {@code parent_id} is a move to the end there; {@code POST
 * /tasks/{task_id}/move} says where.
 *
 * <p>The rules, checked here on what the store read: a task never goes under itself or one of its own sub-tasks
 * (409, {@link #checkNoCycle}); the new parent must be in the target list (400, as on create) and the whole moved
 * subtree must stay within {@link Placement#MAX_LEVELS} levels (400, {@link #checkSubtree}); a sub-task is always
 * in its parent's list, so a sub-task changes lists only with a new parent (or none) named, and a task's sub-tasks
 * go with it. A move that must rewrite more than {@value #MAX_SUBTREE_TASKS} tasks is a 409.
 */
public record Move(Optional<String> listId, Optional<String> parentId, Anchor anchor) {
  /** A move that names no parent: the task keeps its own. */
  public Move(Optional<String> listId, Anchor anchor) {
    this(listId, Optional.empty(), anchor);
  }

  /** The request member naming the task to go after. */
  public static final String AFTER = "after";

  /**
   * DynamoDB's limit of items in one TransactWriteItems ("TransactWriteItems", DynamoDB API Reference), which a
   * subtree move must fit in, since it is all or nothing.
   */
  public static final int TRANSACTION_ITEMS = 100;
  /**
   * The items of a transaction kept for the account's change log, which is written in the same transaction as
   * every write of tasks it records: its counter's update and its entry.
   */
  public static final int CHANGE_LOG_ITEMS = 2;
  /**
   * The items a move's transaction may hold besides the moved tasks: the target list's check, the new parent's
   * update, the checks of the new parent's ancestors (at most 2 when the moved task has sub-tasks, since the tree
   * is at most {@link Placement#MAX_LEVELS} deep), and the change log's.
   */
  public static final int OTHER_ITEMS = 1 + 1 + 2 + CHANGE_LOG_ITEMS;
  /**
   * The most tasks (the moved task and its sub-tasks at every level) a move to another list or another depth
   * rewrites; a bigger subtree is a 409. Moving within its list at the same depth writes the task alone, whatever
   * its sub-tasks.
   */
  public static final int MAX_SUBTREE_TASKS = TRANSACTION_ITEMS - OTHER_ITEMS;

  /** Where a moved task goes: its list, its parent ({@code ""}: top level) and its depth; the position comes later. */
  public record Destination(String listId, String parentId, int depth) {
    /** The moved task's placement there at {@code position}, its count of sub-tasks kept. */
    public Placement at(String position, long children) {
      return new Placement(listId, parentId, depth, position, children);
    }
  }

  /** The parent the task is under after the move: {@code ""} for the top level. */
  public String targetParent(Placement from) {
    return parentId.orElse(from.parentId());
  }

  /**
   * The task to read as the new parent: present when the move puts the task under another task than its own
   * parent.
   *
   * @throws ConflictException when that is the task itself
   */
  public Optional<String> newParent(String taskId, Placement from) {
    String parent = targetParent(from);
    if (parent.isEmpty() || parent.equals(from.parentId())) {
      return Optional.empty();
    }
    if (parent.equals(taskId)) {
      throw cycle();
    }
    return Optional.of(parent);
  }

  /**
   * Where {@code task} goes: under {@code newParent} (the task {@link #newParent} named, as read) in its list one
   * level down, or at the top level of the list named (its own when none is), or, keeping its parent, in its own
   * list at its own depth.
   *
   * @throws InvalidRequestException when the new parent is in another list than the one named or at the deepest
   *     level, or a sub-task keeping its parent is sent to another list
   */
  public Destination destination(Task task, Optional<Task> newParent) {
    Placement from = task.placement();
    if (newParent.isPresent()) {
      Placement under = Placement.under(newParent.get(), task.id(), listId);
      return new Destination(under.listId(), under.parentId(), under.depth());
    }
    String parent = targetParent(from);
    if (parent.isEmpty()) {
      return new Destination(listId.orElse(from.listId()), "", 0);
    }
    if (listId.isPresent() && !listId.get().equals(from.listId())) {
      throw new InvalidRequestException(
          "A sub-task is in its parent's list.",
          List.of(new InvalidRequestException.FieldError(Placement.LIST_ID,
              "is not the list of the task's parent; send parent_id too (null: the top level of that list)")));
    }
    return new Destination(from.listId(), from.parentId(), from.depth());
  }

  /**
   * The 409 of a move under the task's own sub-task: {@code ancestors} are the new parent and its ancestors up to
   * the top level, as read.
   */
  public static void checkNoCycle(String taskId, List<String> ancestors) {
    if (ancestors.contains(taskId)) {
      throw cycle();
    }
  }

  /**
   * The refusals of a move of {@code subtree} to {@code destination} that rewrites it: a 400 when its deepest
   * sub-task would be deeper than the tree allows, a 409 when it has more than {@value #MAX_SUBTREE_TASKS} tasks.
   */
  public static void checkSubtree(Destination destination, Subtree subtree) {
    if (destination.depth() + subtree.height() >= Placement.MAX_LEVELS) {
      throw new InvalidRequestException(
          "The task's sub-tasks would nest too deep there.",
          List.of(new InvalidRequestException.FieldError(Placement.PARENT_ID,
              "would put the task's deepest sub-task below level " + Placement.MAX_LEVELS
                  + "; tasks nest at most " + Placement.MAX_LEVELS + " levels deep")));
    }
    if (subtree.size() > MAX_SUBTREE_TASKS) {
      throw new ConflictException(
          "This task and its sub-tasks are " + subtree.size() + " tasks; at most " + MAX_SUBTREE_TASKS
              + " move to another list or level together. Nothing was changed. Move some sub-tasks first.");
    }
  }

  /** The 409 of a move under the task itself or one of its sub-tasks. */
  public static ConflictException cycle() {
    return new ConflictException(
        "A task cannot go under itself or one of its own sub-tasks. Nothing was changed.");
  }

  /** The 400 of a move next to a task of another parent than the one the task goes under. */
  public static InvalidRequestException afterUnderAnotherParent() {
    return new InvalidRequestException(
        "The task in after has another parent than the one the task goes under.",
        List.of(new InvalidRequestException.FieldError(AFTER,
            "must be a task with the parent the task goes under (send parent_id to change it)")));
  }

  /** Whether the task, now at {@code from}, keeps its place: a PATCH naming the list and parent it has. */
  public boolean keepsPlace(Placement from) {
    return anchor instanceof Anchor.Kept
        && listId.orElse(from.listId()).equals(from.listId())
        && targetParent(from).equals(from.parentId());
  }

  /**
   * The moved task's position, from its neighbours in the target list's order, the moved task left out:
   * {@code before} is the position of the task it goes after (null: it goes first), {@code following} the
   * positions after that one, in order (only the first few are needed). The first of them greater than
   * {@code before} bounds the new key: one equal to it (two tasks created in the same millisecond, told apart by
   * their ids) cannot, so the task then goes after the tie.
   */
  public static String position(String before, List<String> following) {
    for (String next : following) {
      if (before == null || next.compareTo(before) > 0) {
        return TaskPositions.between(before, next);
      }
    }
    return TaskPositions.between(before, null);
  }

  /** The 404 of a move after a task the caller does not have. */
  public static NotFoundException afterNotFound() {
    return new NotFoundException("No task with the id in after.");
  }

  /** The 400 of a move after a task that is not in the target list. */
  public static InvalidRequestException afterInAnotherList() {
    return new InvalidRequestException(
        "The task in after is in another list than the one the task moves to.",
        List.of(new InvalidRequestException.FieldError(AFTER, "must be a task of the target list")));
  }

  /** Where in the target list the task goes. */
  public sealed interface Anchor {
    /** {@code "after": null}: before every other task of the list. */
    record First() implements Anchor {}

    /** {@code after} omitted: after every other task of the list (where a new task goes too). */
    record Last() implements Anchor {}

    /**
     * A PATCH of {@code list_id} or {@code parent_id}: where the task is when both are its own (so a PATCH that
     * repeats them changes no order), last among its new siblings otherwise.
     */
    record Kept() implements Anchor {}

    /** Right after the task {@code taskId}, which must be in the target list, under the target parent. */
    record After(String taskId) implements Anchor {}
  }
}
