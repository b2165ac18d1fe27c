package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.testing.TestTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules of a move on what the store read: the cycle check, where a task goes (list, parent, depth), the depth
 * of the whole moved subtree, the size of a subtree moved in one transaction, and a subtree's order.
 */
class MoveTest {
  private final TaskIds ids = new TaskIds();

  private Task top(String listId) {
    String id = ids.next(System.currentTimeMillis()).toString();
    return Task.created(id, "u", Placement.initial("u", id, Optional.of(listId)), TestTasks.values("t", ""));
  }

  private Task under(Task parent) {
    String id = ids.next(System.currentTimeMillis()).toString();
    return Task.created(id, "u", Placement.under(parent, id, Optional.empty()), TestTasks.values("t", ""));
  }

  private static Move reparent(String parentId) {
    return new Move(Optional.empty(), Optional.of(parentId), new Move.Anchor.Last());
  }

  private static List<String> names(InvalidRequestException e) {
    return e.fieldErrors().stream().map(InvalidRequestException.FieldError::name).toList();
  }

  @Test
  void aTaskCannotGoUnderItselfOrItsOwnDescendant() {
    Task task = top("list");
    Task child = under(task);
    Task grandchild = under(child);

    assertThrows(ConflictException.class, () -> reparent(task.id()).newParent(task.id(), task.placement()));
    // The new parent's chain up to the top level, as the store reads it: the task in it is a cycle.
    assertThrows(ConflictException.class,
        () -> Move.checkNoCycle(task.id(), List.of(grandchild.id(), child.id(), task.id())));
    Move.checkNoCycle(child.id(), List.of(task.id()));
    assertEquals(Optional.empty(), reparent(task.id()).newParent(child.id(), child.placement()), "its own parent");
    assertEquals(Optional.empty(), reparent("").newParent(task.id(), task.placement()), "the top level");
    assertEquals(Optional.of(child.id()), reparent(child.id()).newParent(grandchild.id(), task.placement()));
  }

  @Test
  void aTaskGoesIntoItsNewParentsListOneLevelDownOrToTheTopOfTheListNamed() {
    Task parent = top("work");
    Task task = under(top("inbox"));

    assertEquals(new Move.Destination("work", parent.id(), 1),
        reparent(parent.id()).destination(task, Optional.of(parent)));
    assertEquals(new Move.Destination("home", "", 0),
        new Move(Optional.of("home"), Optional.of(""), new Move.Anchor.Last()).destination(task, Optional.empty()));
    assertEquals(new Move.Destination("inbox", task.placement().parentId(), 1),
        new Move(Optional.empty(), new Move.Anchor.First()).destination(task, Optional.empty()), "kept");
    assertEquals(List.of("parent_id"), names(assertThrows(InvalidRequestException.class,
        () -> new Move(Optional.of("home"), Optional.of(parent.id()), new Move.Anchor.Last())
            .destination(task, Optional.of(parent)))), "a parent in another list than list_id, as on create");
    assertEquals(List.of("list_id"), names(assertThrows(InvalidRequestException.class,
        () -> new Move(Optional.of("home"), new Move.Anchor.Last()).destination(task, Optional.empty()))),
        "a sub-task keeping its parent stays in its parent's list");
  }

  @Test
  void theWholeSubtreeMustStayWithinFourLevels() {
    Task root = top("inbox");
    Task child = under(root);
    Subtree twoLevels = Subtree.of(root.id(), List.of(subTask(child), subTask(under(child))));
    assertEquals(2, twoLevels.height());

    Move.checkSubtree(new Move.Destination("inbox", "p", 1), twoLevels); // deepest at level 3: the last
    InvalidRequestException tooDeep = assertThrows(InvalidRequestException.class,
        () -> Move.checkSubtree(new Move.Destination("inbox", "p", 2), twoLevels));
    assertEquals(List.of("parent_id"), names(tooDeep));
    Task deepest = under(under(under(root)));
    assertEquals(List.of("parent_id"), names(assertThrows(InvalidRequestException.class,
        () -> reparent(deepest.id()).destination(top("inbox"), Optional.of(deepest)))),
        "the task itself below the 4th level");
  }

  @Test
  void aSubtreeOfMoreTasksThanOneTransactionHoldsIsA409() {
    Task root = top("inbox");
    List<Subtree.SubTask> flat = new ArrayList<>();
    for (int i = 1; i < Move.MAX_SUBTREE_TASKS; i++) {
      flat.add(subTask(under(root)));
    }
    Move.Destination to = new Move.Destination("work", "", 0);
    Move.checkSubtree(to, Subtree.of(root.id(), flat));

    flat.add(subTask(under(root)));
    ConflictException tooBig =
        assertThrows(ConflictException.class, () -> Move.checkSubtree(to, Subtree.of(root.id(), flat)));
    assertEquals(94, Move.MAX_SUBTREE_TASKS);
    assertEquals("This task and its sub-tasks are 95 tasks; at most 94 move to another list or level together."
        + " Nothing was changed. Move some sub-tasks first.", tooBig.getMessage());
  }

  @Test
  void aSubtreeListsParentsBeforeChildrenAndDeletesDeepestFirstIgnoringOtherTrees() {
    Task root = top("inbox");
    Task child = under(root);
    Task grandchild = under(child);
    Task sibling = under(root);
    Task stranger = under(top("inbox"));

    Subtree subtree = Subtree.of(root.id(),
        List.of(subTask(grandchild), subTask(stranger), subTask(sibling), subTask(child)));

    assertEquals(List.of(sibling.id(), child.id(), grandchild.id()),
        subtree.members().stream().map(m -> m.task().id()).toList());
    assertEquals(List.of(1, 1, 2), subtree.members().stream().map(Subtree.Member::level).toList());
    assertEquals(grandchild.id(), subtree.deepestFirst().getFirst().task().id());
    assertEquals(4, subtree.size());
  }

  @Test
  void aWalkOfStoredDataEndsEvenOnACycleNoMoveCouldMake() {
    Subtree.SubTask a = new Subtree.SubTask("a", "root", 1, 1, "a0");
    Subtree.SubTask b = new Subtree.SubTask("b", "a", 1, 1, "a0");
    Subtree.SubTask root = new Subtree.SubTask("root", "b", 1, 1, "a0");

    assertEquals(List.of("a", "b"),
        Subtree.of("root", List.of(a, b, root)).members().stream().map(m -> m.task().id()).toList());
  }

  private static Subtree.SubTask subTask(Task task) {
    return new Subtree.SubTask(task.id(), task.placement().parentId(), task.version(), task.placement().children(),
        task.placement().position());
  }
}
