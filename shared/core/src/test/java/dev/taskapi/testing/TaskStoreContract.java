package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.Due;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.Move;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.Priority;
import dev.taskapi.domain.Recurrence;
import dev.taskapi.domain.Reminder;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.TaskPage;
import dev.taskapi.domain.TaskPositions;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.domain.User;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.TakenId;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaskStore} does, the in-memory fake and the DynamoDB store alike: the account check on create,
 * never overwriting, newest-first pages with a cursor exactly when more follow, the completed filter, the version
 * rule of updates, owner isolation and deletes. The problem details are the ones clients read. Each test works on
 * owners of its own, so implementations may share one table between tests.
 */
public abstract class TaskStoreContract {
  /** The detail of the 404 for a task created for an account that is gone or being deleted. */
  public static final String ACCOUNT_GONE = "This account no longer exists.";
  /** The detail of the 404 for a task created in, or moved to, a list its owner does not have. */
  public static final String NO_LIST = "No list with this id.";
  /** The detail of the 412 for an update from a stale version. */
  public static final String STALE =
      "The task has changed since the version in If-Match; nothing was changed. Read it again.";

  private final TaskIds ids = new TaskIds();
  private final TaskStore tasks;
  private final UserStore users;
  private final ListStore lists;

  /**
   * The store under test, the accounts it checks on create and the lists it checks on create and move (the user
   * and list stores over the same data).
   */
  protected TaskStoreContract(TaskStore tasks, UserStore users, ListStore lists) {
    this.tasks = tasks;
    this.users = users;
    this.lists = lists;
  }

  @Test
  void aTaskIsCreatedInTheDefaultListUnlessItNamesALiveListOfItsOwner() {
    User owner = owner();
    TaskList work = list(owner, "Work");
    Task inbox = task(owner, "inbox");
    Task inWork = inList(owner, work.id(), "work");

    assertTrue(tasks.create(inbox, owner.email()));
    assertTrue(tasks.create(inWork, owner.email()));

    assertEquals(TaskLists.defaultListId(owner.id()), tasks.find(owner.id(), inbox.id()).orElseThrow().placement().listId());
    assertEquals(Optional.of(inWork), tasks.find(owner.id(), inWork.id()));
    Task unknown = inList(owner, UUID.randomUUID().toString(), "nowhere");
    assertEquals(NO_LIST, assertThrows(NotFoundException.class, () -> tasks.create(unknown, owner.email())).getMessage());
    User stranger = owner();
    Task othersList = inList(stranger, work.id(), "in another's list");
    assertEquals(NO_LIST,
        assertThrows(NotFoundException.class, () -> tasks.create(othersList, stranger.email())).getMessage());
    assertEquals(Optional.empty(), tasks.find(stranger.id(), othersList.id()));
    assertEquals(Optional.empty(), tasks.find(owner.id(), unknown.id()), "nothing written");
  }

  @Test
  void aListBeingDeletedTakesNoNewTaskAndNoMovedOne() {
    User owner = owner();
    TaskList doomed = list(owner, "Doomed");
    Task staying = task(owner, "staying");
    tasks.create(staying, owner.email());
    lists.delete(owner.id(), doomed.id(), Duration.ofSeconds(30));

    Task late = inList(owner, doomed.id(), "late");
    assertEquals(NO_LIST, assertThrows(NotFoundException.class, () -> tasks.create(late, owner.email())).getMessage());
    assertEquals(NO_LIST, assertThrows(NotFoundException.class,
        () -> tasks.move(owner.id(), staying.id(), to(doomed.id(), new Move.Anchor.Last()), TaskChanges.none(),
            Optional.empty(), now())).getMessage());
    assertEquals(Optional.of(staying), tasks.find(owner.id(), staying.id()), "not moved");
  }

  @Test
  void aMoveWritesOnlyTheMovedTaskAtAPositionBetweenItsNewNeighbours() {
    User owner = owner();
    List<Task> created = store(owner, 4); // a, b, c, d
    Task a = created.get(0);
    Task b = created.get(1);
    Task c = created.get(2);
    Task d = created.get(3);

    Task dFirst = move(d, new Move.Anchor.First());
    Task aAfterB = move(a, new Move.Anchor.After(b.id()));
    Task bLast = move(b, new Move.Anchor.Last());

    assertEquals(List.of(d.id(), c.id(), b.id()), List.of(dFirst.id(), c.id(), bLast.id()));
    assertEquals(List.of(d.id(), a.id(), c.id(), b.id()), order(owner, TaskLists.defaultListId(owner.id())),
        "d first; a after b (before c); then b last");
    assertEquals(Optional.of(c), tasks.find(owner.id(), c.id()), "a neighbour is not written");
    assertEquals(a.version() + 1, aAfterB.version());
    assertEquals(Optional.of(bLast), tasks.find(owner.id(), b.id()));
  }

  @Test
  void aMoveToAnotherListPutsTheTaskLastThereOrAfterATaskOfThatList() {
    User owner = owner();
    TaskList work = list(owner, "Work");
    Task w1 = inList(owner, work.id(), "w1");
    Task w2 = inList(owner, work.id(), "w2");
    tasks.create(w1, owner.email());
    tasks.create(w2, owner.email());
    List<Task> inbox = store(owner, 2);

    Task last = tasks.move(owner.id(), inbox.get(0).id(), to(work.id(), new Move.Anchor.Last()),
        TaskChanges.none().set(TaskFields.TITLE, "moved and renamed"), Optional.empty(), now()).orElseThrow();
    Task between = tasks.move(owner.id(), inbox.get(1).id(), to(work.id(), new Move.Anchor.After(w1.id())),
        TaskChanges.none(), Optional.of(inbox.get(1).version()), now()).orElseThrow();

    assertEquals("moved and renamed", last.title());
    assertEquals(work.id(), last.placement().listId());
    assertEquals(List.of(w1.id(), between.id(), w2.id(), last.id()), order(owner, work.id()));
    assertEquals(List.of(), order(owner, TaskLists.defaultListId(owner.id())));
    assertEquals(Optional.of(between), tasks.find(owner.id(), between.id()));
  }

  @Test
  void aMoveIsRefusedWhenItsListOrAnchorIsWrongOrItsVersionStaleAndChangesNothing() {
    User owner = owner();
    TaskList work = list(owner, "Work");
    Task inWork = inList(owner, work.id(), "w");
    tasks.create(inWork, owner.email());
    Task task = store(owner, 1).getFirst();
    String absent = ids.next(System.currentTimeMillis()).toString();

    assertThrows(NotFoundException.class, () -> tasks.move(owner.id(), task.id(),
        to(UUID.randomUUID().toString(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(), now()));
    assertThrows(NotFoundException.class, () -> tasks.move(owner.id(), task.id(),
        to(null, new Move.Anchor.After(absent)), TaskChanges.none(), Optional.empty(), now()));
    assertThrows(InvalidRequestException.class, () -> tasks.move(owner.id(), task.id(),
        to(null, new Move.Anchor.After(inWork.id())), TaskChanges.none(), Optional.empty(), now()),
        "after a task of another list");
    assertEquals(STALE, assertThrows(PreconditionFailedException.class, () -> tasks.move(owner.id(), task.id(),
        to(null, new Move.Anchor.First()), TaskChanges.none(), Optional.of(task.version() + 1), now())).getMessage());
    assertEquals(Optional.empty(), tasks.move(owner.id(), absent, to(null, new Move.Anchor.First()),
        TaskChanges.none(), Optional.empty(), now()));
    assertEquals(Optional.of(task), tasks.find(owner.id(), task.id()), "unchanged");
  }

  @Test
  void aPatchNamingTheTasksOwnListKeepsItsPlace() {
    User owner = owner();
    List<Task> created = store(owner, 2);
    Task kept = tasks.move(owner.id(), created.get(0).id(),
        to(TaskLists.defaultListId(owner.id()), new Move.Anchor.Kept()), TaskChanges.none(), Optional.empty(), now())
        .orElseThrow();

    assertEquals(created.get(0).placement(), kept.placement());
    assertEquals(created.get(0).version() + 1, kept.version());
  }

  /** The ids of the owner's tasks in {@code listId}, in the order of their positions (ties: by id). */
  private List<String> order(User owner, String listId) {
    return tasks.list(owner.id(), Optional.empty(), 100, Optional.empty()).tasks().stream()
        .filter(t -> t.placement().listId().equals(listId))
        .sorted(java.util.Comparator.comparing((Task t) -> t.placement().sortKey(t.id())))
        .map(Task::id)
        .toList();
  }

  private Task move(Task task, Move.Anchor anchor) {
    return tasks.move(task.userId(), task.id(), to(null, anchor), TaskChanges.none(), Optional.empty(), now())
        .orElseThrow();
  }

  private static Move to(String listId, Move.Anchor anchor) {
    return new Move(Optional.ofNullable(listId), anchor);
  }

  private TaskList list(User owner, String title) {
    TaskList list = new TaskList(UUID.randomUUID().toString(), owner.id(), title, now(), now(), 1);
    lists.create(list, owner.email());
    return list;
  }

  private Task inList(User owner, String listId, String title) {
    return Task.created(ids.next(now().toEpochMilli()).toString(), owner.id(), Optional.of(listId),
        TestTasks.values(title, ""));
  }

  @Test
  void aSubTaskIsStoredUnderItsParentCountedOnItAndListedByParent() {
    User owner = owner();
    String inbox = TaskLists.defaultListId(owner.id());
    Task parent = stored(owner, task(owner, "parent"));
    Task child = stored(owner, under(parent, "child"));
    Task grandchild = stored(owner, under(child, "grandchild"));
    Task sibling = stored(owner, under(parent, "sibling"));

    Task stored = tasks.find(owner.id(), grandchild.id()).orElseThrow();
    assertEquals(new Placement(inbox, child.id(), 2, grandchild.placement().position(), 0), stored.placement());
    assertEquals(2, tasks.find(owner.id(), parent.id()).orElseThrow().placement().children());
    assertEquals(parent.version(), tasks.find(owner.id(), parent.id()).orElseThrow().version(), "not an edit");
    assertQuery(owner, List.of(tasks.find(owner.id(), child.id()).orElseThrow(), sibling),
        "list_id", inbox, "parent_id", parent.id(), "sort", "position");
    assertQuery(owner, List.of(grandchild), "list_id", inbox, "parent_id", child.id(), "sort", "position");
  }

  @Test
  void aSubTaskWhoseParentIsGoneOrInAnotherListIsNotWritten() {
    User owner = owner();
    TaskList work = list(owner, "Work");
    Task parent = stored(owner, task(owner, "parent"));
    Task orphan = under(parent, "orphan");
    assertTrue(tasks.delete(owner.id(), parent.id()));
    assertEquals(NotFoundException.noSuchParent().getMessage(),
        assertThrows(NotFoundException.class, () -> tasks.create(orphan, owner.email())).getMessage());
    assertEquals(Optional.empty(), tasks.find(owner.id(), orphan.id()));

    Task inWork = stored(owner, inList(owner, work.id(), "in work"));
    String id = ids.next(now().toEpochMilli()).toString();
    // As if the parent had moved to Work after the create read it in the default list.
    Task stale = Task.created(id, owner.id(),
        new Placement(TaskLists.defaultListId(owner.id()), inWork.id(), 1, TaskPositions.initial(id), 0),
        TestTasks.values("stale", ""));
    assertThrows(NotFoundException.class, () -> tasks.create(stale, owner.email()));
    assertEquals(Optional.empty(), tasks.find(owner.id(), stale.id()));
    assertEquals(0, tasks.find(owner.id(), inWork.id()).orElseThrow().placement().children());
  }

  @Test
  void deletingATaskDeletesAllItsDescendantsAndNothingElse() {
    User owner = owner();
    Task parent = stored(owner, task(owner, "parent"));
    Task other = stored(owner, task(owner, "other"));
    Task child = stored(owner, under(parent, "child"));
    Task grandchild = stored(owner, under(child, "grandchild"));
    Task nephew = stored(owner, under(other, "nephew"));

    assertTrue(tasks.delete(owner.id(), parent.id()));

    for (Task gone : List.of(parent, child, grandchild)) {
      assertEquals(Optional.empty(), tasks.find(owner.id(), gone.id()), gone.title());
    }
    assertTrue(tasks.find(owner.id(), other.id()).isPresent());
    assertTrue(tasks.find(owner.id(), nephew.id()).isPresent());
    assertTrue(tasks.delete(owner.id(), nephew.id()));
    assertFalse(tasks.delete(owner.id(), nephew.id()));
  }

  @Test
  void siblingsMoveAmongThemselvesAndAfterMustBeASiblingUnderTheTargetParent() {
    User owner = owner();
    Task parent = stored(owner, task(owner, "parent"));
    Task other = stored(owner, task(owner, "other"));
    Task first = stored(owner, under(parent, "first"));
    Task second = stored(owner, under(parent, "second"));

    InvalidRequestException notSibling =
        assertThrows(InvalidRequestException.class, () -> move(first, new Move.Anchor.After(other.id())));
    assertEquals(List.of(Move.AFTER), notSibling.fieldErrors().stream().map(InvalidRequestException.FieldError::name)
        .toList());
    assertEquals(first.version(), tasks.find(owner.id(), first.id()).orElseThrow().version());

    Task moved = move(second, new Move.Anchor.First());
    assertEquals(parent.id(), moved.placement().parentId());
    assertTrue(moved.placement().position().compareTo(first.placement().position()) < 0, "first among siblings");
    Task same = tasks.move(owner.id(), first.id(), reparent(null, parent.id(), new Move.Anchor.Kept()),
        TaskChanges.none(), Optional.empty(), now()).orElseThrow();
    assertEquals(first.placement(), same.placement(), "naming its own parent keeps its place");
  }

  @Test
  void reparentingPutsTheTaskLastUnderItsNewParentWithItsSubTasksOneLevelDown() {
    User owner = owner();
    String inbox = TaskLists.defaultListId(owner.id());
    Task parent = stored(owner, task(owner, "new parent"));
    Task existing = stored(owner, under(parent, "existing sub-task"));
    Task task = stored(owner, task(owner, "moved"));
    Task child = stored(owner, under(task, "its sub-task"));

    Task moved = tasks.move(owner.id(), task.id(), reparent(null, parent.id(), new Move.Anchor.Kept()),
        TaskChanges.none().set(TaskFields.TITLE, "moved under"), Optional.empty(), now()).orElseThrow();

    assertEquals(parent.id(), moved.placement().parentId());
    assertEquals(1, moved.placement().depth());
    assertEquals("moved under", moved.title());
    assertEquals(Optional.of(moved), tasks.find(owner.id(), task.id()));
    Task movedChild = tasks.find(owner.id(), child.id()).orElseThrow();
    assertEquals(new Placement(inbox, task.id(), 2, child.placement().position(), 0), movedChild.placement(),
        "its sub-task follows one level down");
    assertEquals(child.version() + 1, movedChild.version());
    assertEquals(2, tasks.find(owner.id(), parent.id()).orElseThrow().placement().children(), "counted");
    assertQuery(owner, List.of(existing, moved), "list_id", inbox, "parent_id", parent.id(), "sort", "position");
    assertQuery(owner, List.of(movedChild), "list_id", inbox, "parent_id", task.id(), "sort", "position");

    Task backToTop = tasks.move(owner.id(), task.id(), reparent(null, "", new Move.Anchor.First()),
        TaskChanges.none(), Optional.empty(), now()).orElseThrow();
    assertEquals(new Placement(inbox, "", 0, backToTop.placement().position(), 1), backToTop.placement());
    assertEquals(1, tasks.find(owner.id(), child.id()).orElseThrow().placement().depth());
    assertEquals(backToTop.id(), order(owner, inbox).getFirst(), "first at the top level");
  }

  @Test
  void aMoveUnderItselfOrOneOfItsSubTasksIsA409AndChangesNothing() {
    User owner = owner();
    Task task = stored(owner, task(owner, "task"));
    Task child = stored(owner, under(task, "child"));
    Task grandchild = stored(owner, under(child, "grandchild"));
    List<Task> before = tasks.list(owner.id(), Optional.empty(), 100, Optional.empty()).tasks();

    for (Task below : List.of(task, child, grandchild)) {
      assertThrows(ConflictException.class, () -> tasks.move(owner.id(), task.id(),
          reparent(null, below.id(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(), now()),
          below.title());
    }
    assertThrows(ConflictException.class, () -> tasks.move(owner.id(), child.id(),
        reparent(null, grandchild.id(), new Move.Anchor.Kept()), TaskChanges.none(), Optional.empty(), now()));
    assertEquals(before, tasks.list(owner.id(), Optional.empty(), 100, Optional.empty()).tasks(), "unchanged");
  }

  @Test
  void movingAParentToAnotherListMovesItsWholeSubtreeAndLeavesNoneBehind() {
    User owner = owner();
    String inbox = TaskLists.defaultListId(owner.id());
    TaskList work = list(owner, "Work");
    Task inWork = stored(owner, inList(owner, work.id(), "already in work"));
    Task parent = stored(owner, task(owner, "parent"));
    Task child = stored(owner, under(parent, "child"));
    Task grandchild = stored(owner, under(child, "grandchild"));
    Task sibling = stored(owner, under(parent, "sibling"));
    Task stays = stored(owner, task(owner, "stays"));
    java.util.Map<String, Task> subTasksBefore = new java.util.HashMap<>();
    for (Task sub : List.of(child, grandchild, sibling)) {
      subTasksBefore.put(sub.id(), tasks.find(owner.id(), sub.id()).orElseThrow());
    }

    Task moved = tasks.move(owner.id(), parent.id(), to(work.id(), new Move.Anchor.Last()), TaskChanges.none(),
        Optional.empty(), now()).orElseThrow();

    assertEquals(work.id(), moved.placement().listId());
    assertEquals(List.of(inWork.id(), parent.id(), child.id(), sibling.id(), grandchild.id()), order(owner, work.id()),
        "the list in position order: top level, then each parent's sub-tasks");
    for (Task created : List.of(child, grandchild, sibling)) {
      Task sub = subTasksBefore.get(created.id());
      Task read = tasks.find(owner.id(), sub.id()).orElseThrow();
      assertEquals(sub.placement().movedTo(work.id(), sub.placement().position()), read.placement(), sub.title());
      assertEquals(sub.version() + 1, read.version(), sub.title());
    }
    assertQuery(owner, List.of(tasks.find(owner.id(), child.id()).orElseThrow(),
        tasks.find(owner.id(), sibling.id()).orElseThrow()), "list_id", work.id(), "parent_id", parent.id());
    assertQuery(owner, List.of(), "list_id", inbox, "parent_id", parent.id());
    assertEquals(List.of(stays.id()), order(owner, inbox));

    // A sub-task moves to another list with a new parent there, or to its top level.
    Task home = stored(owner, task(owner, "home"));
    Task reparented = tasks.move(owner.id(), child.id(), reparent(null, home.id(), new Move.Anchor.Last()),
        TaskChanges.none(), Optional.empty(), now()).orElseThrow();
    assertEquals(new Placement(inbox, home.id(), 1, reparented.placement().position(), 1), reparented.placement());
    assertEquals(inbox, tasks.find(owner.id(), grandchild.id()).orElseThrow().placement().listId());
  }

  @Test
  void aSubtreeMoveThatBreaksARuleIsRefusedAndChangesNothing() {
    User owner = owner();
    TaskList work = list(owner, "Work");
    Task level0 = stored(owner, task(owner, "level 0"));
    Task level1 = stored(owner, under(level0, "level 1"));
    Task level2 = stored(owner, under(level1, "level 2"));
    Task other = stored(owner, task(owner, "other"));
    Task otherChild = stored(owner, under(other, "other's child"));
    List<Task> before = tasks.list(owner.id(), Optional.empty(), 100, Optional.empty()).tasks();

    InvalidRequestException tooDeep = assertThrows(InvalidRequestException.class, () -> tasks.move(owner.id(),
        level0.id(), reparent(null, otherChild.id(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(),
        now()));
    assertEquals(List.of(Placement.PARENT_ID), tooDeep.fieldErrors().stream()
        .map(InvalidRequestException.FieldError::name).toList(), "its grandchild would be at level 5");
    assertThrows(NotFoundException.class, () -> tasks.move(owner.id(), level1.id(),
        reparent(null, UUID.randomUUID().toString(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(),
        now()));
    assertThrows(InvalidRequestException.class, () -> tasks.move(owner.id(), level1.id(),
        reparent(work.id(), other.id(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(), now()),
        "a parent in another list than list_id");
    assertThrows(InvalidRequestException.class, () -> tasks.move(owner.id(), level2.id(),
        to(work.id(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(), now()),
        "a sub-task keeping its parent stays in its list");
    assertThrows(PreconditionFailedException.class, () -> tasks.move(owner.id(), level0.id(),
        to(work.id(), new Move.Anchor.Last()), TaskChanges.none(), Optional.of(level0.version() + 1), now()));
    lists.delete(owner.id(), work.id(), Duration.ofSeconds(30));
    assertThrows(NotFoundException.class, () -> tasks.move(owner.id(), level0.id(),
        to(work.id(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(), now()), "a deleted list");
    assertEquals(before, tasks.list(owner.id(), Optional.empty(), 100, Optional.empty()).tasks(), "unchanged");
  }

  @Test
  void aSubtreeLargerThanOneTransactionHoldsIsA409WithNothingWritten() {
    User owner = owner();
    TaskList work = list(owner, "Work");
    Task root = stored(owner, task(owner, "root"));
    for (int i = 1; i <= Move.MAX_SUBTREE_TASKS; i++) {
      stored(owner, under(root, "sub-task " + i));
    }
    List<Task> before = tasks.list(owner.id(), Optional.empty(), 200, Optional.empty()).tasks();

    ConflictException refused = assertThrows(ConflictException.class, () -> tasks.move(owner.id(), root.id(),
        to(work.id(), new Move.Anchor.Last()), TaskChanges.none(), Optional.empty(), now()));

    assertTrue(refused.getMessage().contains("at most " + Move.MAX_SUBTREE_TASKS), refused.getMessage());
    assertEquals(before, tasks.list(owner.id(), Optional.empty(), 200, Optional.empty()).tasks(), "nothing written");
    Task reordered = move(root, new Move.Anchor.First());
    assertEquals(root.version() + 1, reordered.version(), "in its own list, at its own level, it still moves");
  }

  private static Move reparent(String listId, String parentId, Move.Anchor anchor) {
    return new Move(Optional.ofNullable(listId), Optional.of(parentId), anchor);
  }

  /** {@code task} of {@code owner}, created in the store. */
  private Task stored(User owner, Task task) {
    assertTrue(tasks.create(task, owner.email()));
    return task;
  }

  /** A new sub-task of {@code parent}, as the create route makes it from the parent it read. */
  private Task under(Task parent, String title) {
    String id = ids.next(now().toEpochMilli()).toString();
    return Task.created(id, parent.userId(), Placement.under(parent, id, Optional.empty()),
        TestTasks.values(title, ""));
  }

  @Test
  void aCreatedTaskIsFoundByItsOwnerOnly() {
    User owner = owner();
    Task task = task(owner, "mine");

    assertTrue(tasks.create(task, owner.email()));

    assertEquals(Optional.of(task), tasks.find(owner.id(), task.id()));
    assertEquals(Optional.empty(), tasks.find(owner().id(), task.id()));
    assertEquals(Optional.empty(), tasks.find(owner.id(), ids.next(System.currentTimeMillis()).toString()));
  }

  @Test
  void aCreateNeverOverwritesATaskWithTheSameId() {
    User owner = owner();
    Task original = task(owner, "original");
    tasks.create(original, owner.email());
    Task sameId = TestTasks.task(original.id(), owner.id(), "other", "other");

    assertFalse(tasks.create(sameId, owner.email()), "already stored: an idempotent retry");
    assertEquals(Optional.of(original), tasks.find(owner.id(), original.id()));
  }

  @Test
  void aTakenClientIdAnswersItsTaskAsItIsNowWithItsCreatesFingerprintAndOnlyInItsOwnersPartition() {
    User owner = owner();
    String clientId = UUID.randomUUID().toString(); // a v4: no creation time in it
    Instant created = now();
    Task original = clientTask(owner, clientId, created, "offline");
    assertEquals(Optional.empty(), tasks.create(original, Optional.of("fp-1"), owner.email()));
    assertEquals(created, tasks.find(owner.id(), clientId).orElseThrow().createdAt(), "the time given, not the id's");
    Task edited =
        tasks.update(owner.id(), clientId, TaskChanges.none().set(TaskFields.TITLE, "edited"), Optional.empty(),
            created.plusSeconds(1)).orElseThrow();

    TakenId<Task> taken =
        tasks.create(clientTask(owner, clientId, created.plusSeconds(2), "other"), Optional.of("fp-2"), owner.email())
            .orElseThrow();

    assertEquals(edited, taken.stored(), "as it is now");
    assertEquals(Optional.of("fp-1"), taken.fingerprint(), "the create's, not the edit's");
    assertEquals(Optional.of(edited), tasks.find(owner.id(), clientId), "nothing written");
    User stranger = owner();
    Task theirs = clientTask(stranger, clientId, created, "theirs");
    assertEquals(Optional.empty(), tasks.create(theirs, Optional.of("fp-1"), stranger.email()), "ids are per account");
    assertEquals(Optional.of(theirs), tasks.find(stranger.id(), clientId));
    assertEquals(Optional.of(edited), tasks.find(owner.id(), clientId));
  }

  @Test
  void tasksWithIdsTheClientChoseAreInCreationOrderNotIdOrderNewestFirstByDefaultAndPageByPage() {
    User owner = owner();
    Instant created = now();
    List<Task> stored = new ArrayList<>();
    // v4 ids in the reverse of their creation order, and a server's UUIDv7 between them.
    for (String id : List.of("ffffffff-ffff-4fff-bfff-ffffffffffff", "", "00000000-0000-4000-8000-000000000001")) {
      Instant at = created.plusMillis(stored.size());
      Task task =
          id.isEmpty()
              ? TestTasks.task(new TaskIds().next(at.toEpochMilli()).toString(), owner.id(), "server's id", "")
              : clientTask(owner, id, at, "client's " + id);
      tasks.create(task, owner.email());
      stored.add(task);
    }

    assertEquals(stored.reversed(), tasks.query(owner.id(), query(), 10, Optional.empty()).tasks(), "newest first");
    assertEquals(stored, tasks.query(owner.id(), query("sort", "created"), 10, Optional.empty()).tasks());
    List<Task> paged = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      TaskQuery.Page page = tasks.query(owner.id(), query(), 1, cursor);
      paged.addAll(page.tasks());
      cursor = page.next();
    } while (cursor.isPresent());
    assertEquals(stored.reversed(), paged, "a page at a time");
    assertEquals(List.of(stored.get(2), stored.get(0)),
        tasks.query(owner.id(), query("sort", "-created", "q", "client"), 10, Optional.empty()).tasks(),
        "with a filter too");
  }

  @Test
  void aTaskWhoseIdTheServerChoseHasNoFingerprint() {
    User owner = owner();
    Task task = task(owner, "server's id");
    tasks.create(task, owner.email());

    assertEquals(
        Optional.of(new TakenId<>(task, Optional.empty())), tasks.create(task, Optional.of("fp"), owner.email()));
  }

  /** A new top-level task with an id the client chose, created at {@code created}, not stored. */
  private static Task clientTask(User owner, String id, Instant created, String title) {
    return Task.created(
        id, created, owner.id(), Placement.initial(owner.id(), id, created, Optional.empty()),
        TestTasks.values(title, ""));
  }

  @Test
  void aTaskIsCreatedOnlyForALiveAccountRegisteredUnderItsOwnersId() {
    User owner = owner();
    User stranger = owner();
    String unregistered = "nobody-" + UUID.randomUUID() + "@example.com";
    Task forNobody = TestTasks.task(ids.next(System.currentTimeMillis()).toString(), "id-" + UUID.randomUUID(), "t", "");

    assertAccountGone(() -> tasks.create(forNobody, unregistered));
    Task notTheirs = task(stranger, "under another's email");
    assertAccountGone(() -> tasks.create(notTheirs, owner.email()));
    assertEquals(Optional.empty(), tasks.find(stranger.id(), notTheirs.id()), "nothing written");

    assertTrue(users.close(owner));
    Task late = task(owner, "after the deletion began");
    assertAccountGone(() -> tasks.create(late, owner.email()));
    assertEquals(Optional.empty(), tasks.find(owner.id(), late.id()), "nothing written");
  }

  @Test
  void aDeletedAccountsEmailRegisteredAgainTakesTasksForTheNewAccountOnly() {
    User gone = owner();
    users.close(gone);
    users.delete(gone);
    User again = new User(UUID.randomUUID().toString(), "again", gone.email(), gone.passwordHash(), now());
    users.create(again);

    assertTrue(tasks.create(task(again, "new account"), gone.email()));
    assertAccountGone(() -> tasks.create(task(gone, "old token"), gone.email()));
  }

  @Test
  void tasksListNewestFirstAcrossPagesWithACursorExactlyWhenMoreFollow() {
    User owner = owner();
    List<Task> created = store(owner, 7);

    TaskPage first = tasks.list(owner.id(), Optional.empty(), 3, Optional.empty());
    TaskPage second = tasks.list(owner.id(), Optional.empty(), 3, first.lastTaskId());
    TaskPage third = tasks.list(owner.id(), Optional.empty(), 3, second.lastTaskId());

    assertEquals(new TaskPage(created.reversed().subList(0, 3), Optional.of(created.get(4).id())), first);
    assertEquals(new TaskPage(created.reversed().subList(3, 6), Optional.of(created.get(1).id())), second);
    assertEquals(new TaskPage(List.of(created.getFirst()), Optional.empty()), third);
    assertEquals(
        new TaskPage(created.reversed(), Optional.empty()),
        tasks.list(owner.id(), Optional.empty(), 7, Optional.empty()),
        "a page that ends exactly at the end has no cursor");
    assertEquals(new TaskPage(List.of(), Optional.empty()),
        tasks.list(owner().id(), Optional.empty(), 3, Optional.empty()), "no tasks: an empty page, no cursor");
  }

  @Test
  void aCursorStillWorksAfterItsTaskIsDeleted() {
    User owner = owner();
    List<Task> created = store(owner, 4);
    TaskPage first = tasks.list(owner.id(), Optional.empty(), 2, Optional.empty());

    assertTrue(tasks.delete(owner.id(), first.lastTaskId().orElseThrow()));

    assertEquals(new TaskPage(List.of(created.get(1), created.get(0)), Optional.empty()),
        tasks.list(owner.id(), Optional.empty(), 2, first.lastTaskId()));
  }

  @Test
  void theCompletedFilterPagesThroughOneStateNewestFirst() {
    User owner = owner();
    List<Task> created = store(owner, 7);
    List<Task> done = new ArrayList<>();
    List<Task> open = new ArrayList<>();
    for (int i = 0; i < created.size(); i++) {
      if (i % 2 == 0) {
        done.addFirst(complete(created.get(i)));
      } else {
        open.addFirst(created.get(i));
      }
    }

    TaskPage first = tasks.list(owner.id(), Optional.of(true), 3, Optional.empty());
    TaskPage second = tasks.list(owner.id(), Optional.of(true), 3, first.lastTaskId());

    assertEquals(new TaskPage(done.subList(0, 3), Optional.of(done.get(2).id())), first);
    assertEquals(new TaskPage(done.subList(3, 4), Optional.empty()), second, "no cursor to an empty page");
    assertEquals(new TaskPage(open, Optional.empty()), tasks.list(owner.id(), Optional.of(false), 10, Optional.empty()));
    assertEquals(new TaskPage(List.of(done.getFirst(), open.getFirst()), Optional.of(open.getFirst().id())),
        tasks.list(owner.id(), Optional.empty(), 2, Optional.empty()), "unfiltered: both states");
  }

  @Test
  void aTaskReopenedAfterItsPageWasReadIsListedWithTheOpenOnes() {
    User owner = owner();
    Task task = store(owner, 1).getFirst();
    Task done = complete(task);
    assertEquals(List.of(done), tasks.list(owner.id(), Optional.of(true), 10, Optional.empty()).tasks());

    Task reopened = update(done, TaskChanges.none().set(TaskFields.COMPLETED, false), Optional.of(done.version()));

    assertEquals(List.of(), tasks.list(owner.id(), Optional.of(true), 10, Optional.empty()).tasks());
    assertEquals(List.of(reopened), tasks.list(owner.id(), Optional.of(false), 10, Optional.empty()).tasks());
  }

  @Test
  void anUpdateChangesOnlyWhatWasSentAndIncrementsTheVersion() {
    User owner = owner();
    Task original = store(owner, 1).getFirst();
    Instant later = now().plusSeconds(1);

    Optional<Task> updated =
        tasks.update(owner.id(), original.id(), TaskChanges.none().set(TaskFields.TITLE, "renamed").set(TaskFields.COMPLETED, true), Optional.empty(), later);

    Task expected = new Task(original.id(), owner.id(), original.createdAt(), later, Task.FIRST_VERSION + 1, original.placement(), TestTasks.values("renamed", original.description()).with(TaskFields.COMPLETED, true)
            .with(TaskFields.COMPLETED_AT, Optional.of(later)));
    assertEquals(Optional.of(expected), updated);
    assertEquals(updated, tasks.find(owner.id(), original.id()));
  }

  @Test
  void anUpdateFromTheStoredVersionWinsAndOneFromAStaleVersionIsRefusedWithoutAChange() {
    User owner = owner();
    Task original = store(owner, 1).getFirst();
    Task renamed = update(original, TaskChanges.none().set(TaskFields.TITLE, "after"), Optional.of(Task.FIRST_VERSION));

    PreconditionFailedException stale = assertThrows(PreconditionFailedException.class,
        () -> tasks.update(owner.id(), original.id(), TaskChanges.none().set(TaskFields.TITLE, "lost"),
            Optional.of(Task.FIRST_VERSION), now()));

    assertEquals(STALE, stale.getMessage());
    assertEquals(Optional.of(renamed), tasks.find(owner.id(), original.id()));
    assertEquals(3, update(renamed, TaskChanges.none().set(TaskFields.DESCRIPTION, "d"), Optional.of(renamed.version())).version());
  }

  @Test
  void anUpdateOfATaskTheUserDoesNotHaveIsEmptyWithOrWithoutAVersion() {
    User owner = owner();
    Task task = store(owner, 1).getFirst();
    TaskChanges rename = TaskChanges.none().set(TaskFields.TITLE, "x");
    String stranger = owner().id();
    String absent = ids.next(System.currentTimeMillis()).toString();

    assertEquals(Optional.empty(), tasks.update(stranger, task.id(), rename, Optional.of(1L), now()));
    assertEquals(Optional.empty(), tasks.update(stranger, task.id(), rename, Optional.empty(), now()));
    assertEquals(Optional.empty(), tasks.update(owner.id(), absent, rename, Optional.of(1L), now()));
    assertEquals(Optional.empty(), tasks.update(owner.id(), absent, rename, Optional.empty(), now()));
    assertEquals(Optional.of(task), tasks.find(owner.id(), task.id()), "unchanged");
    assertEquals(Optional.empty(), tasks.find(owner.id(), absent), "and not created");
  }

  @Test
  void aDeleteSucceedsOnceAndOnlyForTheOwner() {
    User owner = owner();
    Task task = store(owner, 1).getFirst();

    assertFalse(tasks.delete(owner().id(), task.id()), "another owner's delete finds nothing");
    assertEquals(Optional.of(task), tasks.find(owner.id(), task.id()));
    assertTrue(tasks.delete(owner.id(), task.id()));
    assertFalse(tasks.delete(owner.id(), task.id()));
    assertEquals(Optional.empty(), tasks.find(owner.id(), task.id()));
  }

  @Test
  void deleteAllRemovesEveryTaskOfTheUserAndNoOneElses() {
    User owner = owner();
    User other = owner();
    store(owner, 30);
    List<Task> kept = store(other, 2);

    assertTrue(tasks.deleteAll(owner.id(), Duration.ofSeconds(30)));

    assertEquals(new TaskPage(List.of(), Optional.empty()),
        tasks.list(owner.id(), Optional.empty(), 100, Optional.empty()));
    assertEquals(kept.reversed(), tasks.list(other.id(), Optional.empty(), 100, Optional.empty()).tasks());
    assertTrue(tasks.deleteAll(owner.id(), Duration.ofSeconds(30)), "nothing left: done at once");
  }

  @Test
  void storedTextComesBackExactly() {
    User owner = owner();
    Task unicode = TestTasks.task(ids.next(System.currentTimeMillis()).toString(), owner.id(), "𝄞 🚀 é\u0301 \u0000", "line\nbreak\ttab \"quoted\" <b>");
    tasks.create(unicode, owner.email());

    assertEquals(Optional.of(unicode), tasks.find(owner.id(), unicode.id()));
    assertEquals(List.of(unicode), tasks.list(owner.id(), Optional.empty(), 1, Optional.empty()).tasks());
  }

  @Test
  void everyFieldIsStoredAndReadBackAsWrittenAndAClearRemovesIt() {
    User owner = owner();
    Due due = new Due("2027-03-28", Optional.of("09:00"), Optional.of("Europe/Berlin"));
    Task task = Task.created(ids.next(System.currentTimeMillis()).toString(), owner.id(), Optional.empty(),
        TestTasks.values("full", "every field")
            .with(TaskFields.DUE, Optional.of(due))
            .with(TaskFields.PRIORITY, Priority.HIGH)
            .with(TaskFields.LABELS, List.of("Work", "straße"))
            .with(TaskFields.RECURRENCE,
                Optional.of(new Recurrence("FREQ=WEEKLY;BYDAY=MO", Recurrence.From.COMPLETION, 2)))
            .with(TaskFields.REMINDERS, List.of(new Reminder.Before("PT15M", java.time.Duration.ofMinutes(15)),
                new Reminder.At("2027-03-28T08:45:00+02:00", Instant.parse("2027-03-28T06:45:00Z")))));
    assertTrue(tasks.create(task, owner.email()));
    assertEquals(Optional.of(task), tasks.find(owner.id(), task.id()));

    Task floating = update(task, TaskChanges.none()
        .set(TaskFields.REMINDERS, List.of(new Reminder.At("2027-03-28T06:45:00Z", Instant.parse("2027-03-28T06:45:00Z"))))
        .set(TaskFields.DUE, Optional.of(new Due("2027-03-29", Optional.of("10:00:30"), Optional.empty())))
        .set(TaskFields.LABELS, List.of("home")), Optional.of(task.version()));
    assertEquals(List.of("home"), floating.get(TaskFields.LABELS));
    Task cleared = update(floating, TaskChanges.none().clear(TaskFields.DUE).clear(TaskFields.LABELS)
        .clear(TaskFields.RECURRENCE).clear(TaskFields.REMINDERS).set(TaskFields.PRIORITY, Priority.NONE),
        Optional.of(floating.version()));

    assertEquals(TestTasks.values("full", "every field"), cleared.values(), "as a task that never had them");
    assertEquals(Optional.of(cleared), tasks.find(owner.id(), task.id()));
  }

  @Test
  void completedAtIsSetWhenCompletedBecomesTrueKeptWhileItStaysAndClearedWhenItBecomesFalse() {
    User owner = owner();
    Task task = store(owner, 1).getFirst();
    assertEquals(Optional.empty(), task.get(TaskFields.COMPLETED_AT));
    Instant first = now().plusSeconds(10);

    Task done = tasks.update(owner.id(), task.id(), TaskChanges.none().set(TaskFields.COMPLETED, true),
        Optional.empty(), first).orElseThrow();
    Task again = tasks.update(owner.id(), task.id(), TaskChanges.none().set(TaskFields.COMPLETED, true),
        Optional.empty(), first.plusSeconds(10)).orElseThrow();
    Task renamed = update(again, TaskChanges.none().set(TaskFields.TITLE, "renamed"), Optional.empty());
    Task reopened = update(renamed, TaskChanges.none().set(TaskFields.COMPLETED, false), Optional.empty());

    assertEquals(Optional.of(first), done.get(TaskFields.COMPLETED_AT));
    assertEquals(Optional.of(first), again.get(TaskFields.COMPLETED_AT), "the first completion");
    assertEquals(Optional.of(first), renamed.get(TaskFields.COMPLETED_AT));
    assertEquals(Optional.empty(), reopened.get(TaskFields.COMPLETED_AT));
    assertEquals(Optional.of(reopened), tasks.find(owner.id(), task.id()));
  }

  @Test
  void completingARecurringTaskAdvancesItsDueInOneWriteAndADueItNeedsCannotBeCleared() {
    User owner = owner();
    Task task = Task.created(ids.next(System.currentTimeMillis()).toString(), owner.id(), Optional.empty(),
        TestTasks.values("stand-up", "")
            .with(TaskFields.DUE, Optional.of(new Due("2027-03-22", Optional.of("09:00"), Optional.of("Europe/Berlin"))))
            .with(TaskFields.RECURRENCE, Optional.of(new Recurrence("FREQ=WEEKLY", Recurrence.From.DUE, 0))));
    assertTrue(tasks.create(task, owner.email()));
    Instant at = now().plusSeconds(10);

    Task advanced = tasks.update(owner.id(), task.id(), TaskChanges.none().set(TaskFields.COMPLETED, true),
        Optional.of(task.version()), at).orElseThrow();

    assertEquals(Optional.of(new Due("2027-03-29", Optional.of("09:00"), Optional.of("Europe/Berlin"))),
        advanced.get(TaskFields.DUE));
    assertFalse(advanced.completed());
    assertEquals(Optional.empty(), advanced.get(TaskFields.COMPLETED_AT));
    assertEquals(Optional.of(at), advanced.get(TaskFields.LAST_COMPLETED_AT));
    assertEquals(task.version() + 1, advanced.version(), "one write");
    assertEquals(Optional.of(advanced), tasks.find(owner.id(), task.id()));
    assertEquals(List.of(), tasks.list(owner.id(), Optional.of(true), 10, Optional.empty()).tasks(), "still open");

    InvalidRequestException noDue = assertThrows(InvalidRequestException.class, () -> tasks.update(owner.id(),
        task.id(), TaskChanges.none().clear(TaskFields.DUE), Optional.empty(), at.plusSeconds(1)));
    assertEquals(List.of(TaskFields.DUE.name()),
        noDue.fieldErrors().stream().map(InvalidRequestException.FieldError::name).toList());
    assertEquals(Optional.of(advanced), tasks.find(owner.id(), task.id()), "nothing written");
  }

  /**
   * The tasks of the query contract, oldest first: each filter selects some and not others, and each order puts
   * them differently. Case, NFKC and the due's time zone all matter.
   */
  private List<Task> storeVariedTasks(User owner) {
    Task milk = withFields(owner, "Buy milk", "", List.of("Work"), Priority.HIGH, due("2026-12-24", null, null));
    Task sweep = withFields(owner, "Straße fegen", "", List.of("straße"), Priority.LOW, due("2026-12-24", "09:00", null));
    Task call = withFields(owner, "Call", "about the FILE", List.of(), Priority.MEDIUM,
        due("2026-12-25", "08:00", "Pacific/Auckland"));
    Task plain = withFields(owner, "plain", "", List.of(), Priority.NONE, Optional.empty());
    Task meeting = withFields(owner, "Réunion", "", List.of("WORK", "home"), Priority.NONE, due("2026-12-23", null, null));
    Task taxes = withFields(owner, "\uFB01le taxes", "", List.of(), Priority.NONE, Optional.empty());
    List<Task> all = new ArrayList<>(List.of(milk, sweep, call, plain, meeting, taxes));
    for (Task task : all) {
      assertTrue(tasks.create(task, owner.email()));
    }
    // Completed a second after every create, so that update times order as the tests say.
    all.set(1, update(sweep, TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(), 1));
    all.set(4, update(meeting, TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(), 1));
    return all;
  }

  @Test
  void eachFilterSelectsItsTasksOnEveryPageNewestFirst() {
    User owner = owner();
    List<Task> t = storeVariedTasks(owner);
    store(owner(), 3); // someone else's: never listed

    assertQuery(owner, List.of(t.get(4), t.get(0)), "label", "work");
    assertQuery(owner, List.of(t.get(1)), "label", " STRASSE ");
    assertQuery(owner, List.of(t.get(0)), "priority", "high");
    assertQuery(owner, List.of(t.get(5), t.get(4), t.get(3)), "priority", "none");
    assertQuery(owner, List.of(t.get(4)), "due_before", "2026-12-24");
    assertQuery(owner, List.of(t.get(2)), "due_after", "2026-12-24");
    assertQuery(owner, List.of(t.get(1), t.get(0)), "due_after", "2026-12-23", "due_before", "2026-12-25");
    assertQuery(owner, List.of(t.get(1)), "q", "STRASSE");
    assertQuery(owner, List.of(t.get(5), t.get(2)), "q", "file");
    assertQuery(owner, List.of(t.get(4)), "q", "r\u00C9union");
    assertQuery(owner, List.of(t.get(4)), "completed", "true", "label", "Work");
    assertQuery(owner, List.of(t.get(0)), "completed", "false", "label", "Work");
    assertQuery(owner, List.of(), "q", "absent");
  }

  @Test
  void eachOrderListsEveryTaskOnceAcrossPagesAscendingAndDescending() {
    User owner = owner();
    List<Task> t = storeVariedTasks(owner);
    Task plain = update(t.get(3), TaskChanges.none().set(TaskFields.TITLE, "plain 2"), Optional.empty(), 60);
    Task milk = update(t.get(0), TaskChanges.none().set(TaskFields.TITLE, "Buy oat milk"), Optional.empty(), 120);

    // A whole day before the timed dues of its day; the due's date and time as written, whatever its zone.
    List<Task> byDue = List.of(t.get(4), milk, t.get(1), t.get(2), plain, t.get(5));
    assertQuery(owner, byDue, "sort", "due");
    assertQuery(owner, byDue.reversed(), "sort", "-due");
    List<Task> byPriority = List.of(plain, t.get(4), t.get(5), t.get(1), t.get(2), milk);
    assertQuery(owner, byPriority, "sort", "priority");
    assertQuery(owner, byPriority.reversed(), "sort", "-priority");
    List<Task> byCreated = List.of(milk, t.get(1), t.get(2), plain, t.get(4), t.get(5));
    assertQuery(owner, byCreated, "sort", "created");
    assertQuery(owner, byCreated.reversed(), "sort", "-created");
    assertQuery(owner, List.of(t.get(5), t.get(2), t.get(1)), "sort", "-created", "q", "e");
    // sweep and meeting were completed (updated) after every task was created; then plain, then milk.
    List<Task> byUpdated = List.of(t.get(2), t.get(5), t.get(1), t.get(4), plain, milk);
    assertQuery(owner, byUpdated, "sort", "updated");
    assertQuery(owner, List.of(milk, t.get(1), t.get(2)), "sort", "due", "due_after", "2026-12-23");
    assertQuery(owner, List.of(t.get(1)), "sort", "-priority", "due_before", "2026-12-25", "completed", "true",
        "label", "straße");
  }

  @Test
  void aListInPositionOrderIsTheIndexRangeOfItsTasksWithTheOtherFiltersApplied() {
    User owner = owner();
    List<Task> t = storeVariedTasks(owner);
    store(owner(), 2);
    String inbox = TaskLists.defaultListId(owner.id());

    // Never moved, a task's position is its creation's: the list's order is creation order until moves exist.
    assertQuery(owner, t, "list_id", inbox);
    assertQuery(owner, t.reversed(), "list_id", inbox, "sort", "-position");
    assertQuery(owner, List.of(t.get(0), t.get(4)), "list_id", inbox, "label", "work");
    assertQuery(owner, List.of(t.get(1), t.get(4)), "list_id", inbox, "completed", "true");
    assertQuery(owner, List.of(), "list_id", inbox, "parent_id", t.get(0).id(), "sort", "position");
    assertQuery(owner, List.of(), "list_id", UUID.randomUUID().toString());
    assertQuery(owner, List.of(t.get(1)), "list_id", inbox, "sort", "-priority", "priority", "low", "q", "\u00DF");
    assertQuery(owner, t.reversed(), "list_id", inbox, "sort", "-created");
  }

  @Test
  void aSortedQueryContinuesAfterItsLastTaskEvenWhenThatTaskIsGone() {
    User owner = owner();
    List<Task> t = storeVariedTasks(owner);
    TaskQuery byDue = query("sort", "due");

    TaskQuery.Page first = tasks.query(owner.id(), byDue, 2, Optional.empty());
    assertEquals(List.of(t.get(4), t.get(0)), first.tasks());
    assertTrue(tasks.delete(owner.id(), t.get(0).id()));

    assertEquals(List.of(t.get(1), t.get(2)), tasks.query(owner.id(), byDue, 2, first.next()).tasks());
  }

  /** Walks every page of the query with one task per page, as a client follows cursors, and compares. */
  private void assertQuery(User owner, List<Task> expected, String... parameters) {
    TaskQuery query = query(parameters);
    List<Task> listed = new ArrayList<>();
    Optional<String> after = Optional.empty();
    for (int pages = 0; pages <= expected.size() + 1; pages++) {
      TaskQuery.Page page = tasks.query(owner.id(), query, 1, after);
      assertTrue(page.tasks().size() <= 1, "at most the limit");
      listed.addAll(page.tasks());
      after = page.next();
      if (after.isEmpty()) {
        break;
      }
    }
    assertEquals(Optional.empty(), after, "the last page has no cursor");
    assertEquals(expected, listed, String.join(" ", parameters));
    assertEquals(listed, tasks.query(owner.id(), query, 100, Optional.empty()).tasks(), "one page holds them all");
  }

  /** The query of {@code parameters}, name then value, as {@code GET /tasks} parses it. */
  public static TaskQuery query(String... parameters) {
    java.util.Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      values.put(parameters[i], parameters[i + 1]);
    }
    return TaskQuery.parse(name -> Optional.ofNullable(values.get(name)));
  }

  private Task withFields(
      User owner, String title, String description, List<String> labels, Priority priority, Optional<Due> due) {
    return Task.created(ids.next(now().toEpochMilli()).toString(), owner.id(), Optional.empty(),
        TestTasks.values(title, description)
            .with(TaskFields.LABELS, labels)
            .with(TaskFields.PRIORITY, priority)
            .with(TaskFields.DUE, due));
  }

  private static Optional<Due> due(String date, String time, String zone) {
    return Optional.of(new Due(date, Optional.ofNullable(time), Optional.ofNullable(zone)));
  }

  /** A newly registered account. */
  protected final User owner() {
    return register(users);
  }

  /** A new account, registered in {@code users} (the other store contracts' owners too). */
  public static User register(UserStore users) {
    String id = UUID.randomUUID().toString();
    User user = new User(id, "owner", "owner-" + id + "@example.com", "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
        now());
    users.create(user);
    return user;
  }

  /** {@code count} new tasks of {@code owner}, stored oldest first. */
  private List<Task> store(User owner, int count) {
    List<Task> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Task task = task(owner, "task " + i);
      assertTrue(tasks.create(task, owner.email()));
      created.add(task);
    }
    return created;
  }

  private Task task(User owner, String title) {
    Instant now = now();
    return TestTasks.task(ids.next(now.toEpochMilli()).toString(), owner.id(), title, "description of " + title);
  }

  private Task complete(Task task) {
    return update(task, TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty());
  }

  private Task update(Task task, TaskChanges changes, Optional<Long> requiredVersion) {
    return update(task, changes, requiredVersion, 0);
  }

  /** The update made {@code laterSeconds} from now, so that update times order as the test says. */
  private Task update(Task task, TaskChanges changes, Optional<Long> requiredVersion, int laterSeconds) {
    Task updated =
        tasks.update(task.userId(), task.id(), changes, requiredVersion, now().plusSeconds(laterSeconds)).orElseThrow();
    assertEquals(task.version() + 1, updated.version());
    return updated;
  }

  private static void assertAccountGone(org.junit.jupiter.api.function.Executable create) {
    assertEquals(ACCOUNT_GONE, assertThrows(NotFoundException.class, create).getMessage());
  }

  /** Milliseconds, as every store keeps them (and as a UUIDv7 carries them). */
  protected static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
