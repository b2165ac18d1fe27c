package dev.taskapi.domain;

import java.util.List;
import java.util.Optional;

/**
 * A move of one task: to a list ({@code listId}; empty: it stays in its own) and to a place there ({@link Anchor}).
 * A PATCH of {@code list_id} is a move to the end of that list; {@code POST /tasks/{task_id}/move} says where.
 *
 * <p>{@code parentId} is the parent the request names ({@code ""}: top-level; empty: not named). Moving a subtree
 * is not supported yet, so a move is refused with a 409 ({@link #check}) when it would change a task's parent,
 * take a sub-task out of its parent's list, or take a task that may have sub-tasks to another list: no sub-task is
 * ever in another list than its parent.
 */
public record Move(Optional<String> listId, Optional<String> parentId, Anchor anchor) {
  /** A move that names no parent: the task keeps its own. */
  public Move(Optional<String> listId, Anchor anchor) {
    this(listId, Optional.empty(), anchor);
  }

  /** The request member naming the task to go after. */
  public static final String AFTER = "after";

  /** The target list: the one named, or the task's own. */
  public String targetList(Placement from) {
    return listId.orElse(from.listId());
  }

  /** The 409 of a move that would move a subtree or split one, which this release does not do; see {@link Move}. */
  public void check(Placement from) {
    if (parentId.isPresent() && !parentId.get().equals(from.parentId())) {
      throw new ConflictException(
          "Changing a task's parent_id is not supported yet; nothing was changed. Create the task under its new"
              + " parent instead.");
    }
    if (targetList(from).equals(from.listId())) {
      return;
    }
    if (!from.topLevel()) {
      throw new ConflictException(
          "A sub-task stays in its parent's list; moving it alone to another list is not supported yet. Nothing"
              + " was changed.");
    }
    if (from.children() > 0) {
      throw subtreeMove();
    }
  }

  /** The 409 of a move of a task with sub-tasks to another list. */
  public static ConflictException subtreeMove() {
    return new ConflictException(
        "This task has (or had) sub-tasks; moving a task with its sub-tasks to another list is not supported yet."
            + " Nothing was changed.");
  }

  /** The 409 of a move next to a task of another parent: that would change the moved task's parent. */
  public static ConflictException afterUnderAnotherParent() {
    return new ConflictException(
        "The task in after has another parent than the task moved; changing a task's parent_id is not supported"
            + " yet. Nothing was changed.");
  }

  /** Whether the task, now at {@code from}, keeps its place: a PATCH naming the list it is in. */
  public boolean keepsPlace(Placement from) {
    return anchor instanceof Anchor.Kept && targetList(from).equals(from.listId());
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
     * A PATCH of {@code list_id}: where the task is when the list is its own (so a PATCH that repeats the list
     * changes no order), last when it is another.
     */
    record Kept() implements Anchor {}

    /** Right after the task {@code taskId}, which must be in the target list. */
    record After(String taskId) implements Anchor {}
  }
}
