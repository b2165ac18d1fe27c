package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.SyncToken;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.store.SyncFeed;
import dev.taskapi.store.SyncStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncStore} does, through {@link SyncFeed}: run against the in-memory fake in {@code core} and
 * against the DynamoDB reader on dynalite in {@code store-dynamodb}. Each subclass writes items and their change-log
 * entries as the writers' transactions do (the item's write, the counter from n to n + 1, the entry n + 1).
 */
public abstract class SyncStoreContract {
  private final ManualClock clock = new ManualClock(Instant.now());
  private final TaskIds ids = new TaskIds();

  protected abstract SyncStore store();

  /** Puts (creates or replaces) the task's item and logs it. */
  protected abstract void put(Task task);

  /** Puts the list's item and logs it. */
  protected abstract void put(TaskList list);

  /** Marks the list as being deleted (the first step of its deletion) and logs it. */
  protected abstract void markDeleting(String userId, String listId);

  /** Deletes the named items and logs them in one entry. */
  protected abstract void remove(String userId, List<String> taskIds, List<String> listIds);

  /** What a client that applies every page holds. */
  private static final class Copy {
    final Map<String, String> lists = new TreeMap<>();
    final Map<String, String> tasks = new TreeMap<>();
    final List<String> listsSeen = new ArrayList<>();
    final List<String> tasksSeen = new ArrayList<>();
    final Set<String> deletedLists = new HashSet<>();
    final Set<String> deletedTasks = new HashSet<>();
    SyncToken token;
    int pages;

    void apply(SyncFeed.Page page) {
      page.items().lists().forEach(l -> lists.put(l.id(), l.title()));
      page.items().lists().forEach(l -> listsSeen.add(l.id()));
      page.items().tasks().forEach(t -> tasks.put(t.id(), t.title()));
      page.items().tasks().forEach(t -> tasksSeen.add(t.id()));
      page.items().deletedLists().forEach(lists::remove);
      page.items().deletedTasks().forEach(tasks::remove);
      deletedLists.addAll(page.items().deletedLists());
      deletedTasks.addAll(page.items().deletedTasks());
      token = page.next();
      pages++;
    }
  }

  private SyncFeed feed() {
    return new SyncFeed(store(), clock);
  }

  /** Pages from {@code token} until has_more is false. */
  private Copy sync(String userId, Copy copy, int limit) {
    SyncFeed.Page page;
    do {
      page = feed().page(userId, Optional.ofNullable(copy.token), limit);
      copy.apply(page);
    } while (page.more() && copy.pages < 1000);
    return copy;
  }

  @Test
  void aNewAccountHasItsDefaultListAndNothingElse() {
    String user = newUser();
    SyncFeed.Page page = feed().page(user, Optional.empty(), 100);
    assertEquals(List.of(TaskLists.neverWritten(user)), page.items().lists());
    assertEquals(List.of(), page.items().tasks());
    assertEquals(List.of(), page.items().deletedLists());
    assertFalse(page.more());
    assertEquals(SyncToken.changesAfter(clock.instant(), 0), page.next());
    SyncFeed.Page again = feed().page(user, Optional.of(page.next()), 100);
    assertEquals(List.of(), again.items().lists());
    assertFalse(again.more());
  }

  @Test
  void aFullReadInSmallPagesHasEveryListAndTaskOnceAndThoseBeingDeletedAsDeleted() {
    String user = newUser();
    TaskList work = list(user, "work");
    TaskList home = list(user, "home");
    TaskList old = list(user, "old");
    put(work);
    put(home);
    put(old);
    Task a = task(user, "a", work.id());
    Task b = task(user, "b", home.id());
    Task c = task(user, "c", null);
    Task d = task(user, "d", old.id());
    List.of(a, b, c, d).forEach(this::put);
    markDeleting(user, old.id());

    Copy copy = sync(user, new Copy(), 2);

    assertEquals(Map.of(TaskLists.defaultListId(user), "Inbox", work.id(), "work", home.id(), "home"), copy.lists);
    assertEquals(Map.of(a.id(), "a", b.id(), "b", c.id(), "c"), copy.tasks);
    assertEquals(copy.listsSeen.size(), new HashSet<>(copy.listsSeen).size(), "a list twice: " + copy.listsSeen);
    assertEquals(copy.tasksSeen.size(), new HashSet<>(copy.tasksSeen).size(), "a task twice: " + copy.tasksSeen);
    assertEquals(Set.of(old.id()), copy.deletedLists);
    assertEquals(Set.of(d.id()), copy.deletedTasks);
    assertTrue(copy.pages >= 4, "7 items and the default list in pages of 2: " + copy.pages);
    assertEquals(feed().page(user, Optional.of(copy.token), 100).items(), dev.taskapi.domain.SyncItems.empty());
  }

  @Test
  void theDefaultListOnceRenamedIsReadFromItsItem() {
    String user = newUser();
    TaskList inbox = TaskLists.neverWritten(user);
    put(new TaskList(inbox.id(), user, "Home", clock.instant(), clock.instant(), 1));
    put(list(user, "other"));
    Copy copy = sync(user, new Copy(), 1);
    assertEquals("Home", copy.lists.get(inbox.id()));
    assertEquals(2, copy.listsSeen.size(), copy.listsSeen.toString());
  }

  @Test
  void changesAfterATokenAreTheCurrentStateOfWhatChangedAndTheIdsOfWhatWasDeleted() {
    String user = newUser();
    TaskList work = list(user, "work");
    put(work);
    Task kept = task(user, "kept", work.id());
    Task edited = task(user, "edited", work.id());
    Task gone = task(user, "gone", null);
    List.of(kept, edited, gone).forEach(this::put);
    Copy copy = sync(user, new Copy(), 100);

    Task added = task(user, "added", work.id());
    put(added);
    put(retitled(edited, "edited twice"));
    put(retitled(edited, "edited thrice"));
    remove(user, List.of(gone.id()), List.of());
    SyncFeed.Page page = feed().page(user, Optional.of(copy.token), 100);
    copy.apply(page);

    assertFalse(page.more());
    assertEquals(Set.of(added.id(), edited.id()), page.items().tasks().stream().map(Task::id).collect(Collectors.toSet()));
    assertEquals(List.of(gone.id()), page.items().deletedTasks());
    assertEquals(
        Map.of(kept.id(), "kept", edited.id(), "edited thrice", added.id(), "added"), copy.tasks);
  }

  @Test
  void changesComeInPagesOfWholeEntriesUntilHasMoreIsFalseAndNoneIsSkipped() {
    String user = newUser();
    Copy copy = sync(user, new Copy(), 100);
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      tasks.add(task(user, "t" + i, null));
      put(tasks.getLast());
    }
    List<Integer> sizes = new ArrayList<>();
    SyncFeed.Page page;
    do {
      page = feed().page(user, Optional.of(copy.token), 3);
      sizes.add(page.items().tasks().size());
      copy.apply(page);
    } while (page.more());
    assertEquals(List.of(3, 3, 1), sizes);
    assertEquals(7, copy.tasks.size());
    assertEquals(7, copy.token.sequence());
  }

  @Test
  void aPageReadsMoreThanOneBatchOfItems() {
    String user = newUser();
    Copy copy = sync(user, new Copy(), 100);
    for (int i = 0; i < 150; i++) {
      put(task(user, "t" + i, null));
    }
    SyncFeed.Page page = feed().page(user, Optional.of(copy.token), 200);
    assertEquals(150, page.items().tasks().size());
    assertFalse(page.more());
  }

  @Test
  void aDeletedListReportsItsTasksDeletedAndAListBeingDeletedReadsAsDeletedWithItsTasks() {
    String user = newUser();
    TaskList doomed = list(user, "doomed");
    TaskList marked = list(user, "marked");
    put(doomed);
    put(marked);
    Task inDoomed = task(user, "x", doomed.id());
    Task inMarked = task(user, "y", marked.id());
    put(inDoomed);
    put(inMarked);
    Copy copy = sync(user, new Copy(), 100);
    assertEquals(List.of(2, 3), List.of(copy.tasks.size(), copy.lists.size()));

    put(retitled(inMarked, "y2")); // named before its list's mark: read after it, so deleted
    markDeleting(user, marked.id());
    markDeleting(user, doomed.id());
    remove(user, List.of(inDoomed.id()), List.of(doomed.id())); // the sweep and the list's own delete
    copy = sync(user, copy, 100);

    assertEquals(Map.of(TaskLists.defaultListId(user), "Inbox"), copy.lists);
    assertEquals(Map.of(), copy.tasks);
    assertEquals(Set.of(doomed.id(), marked.id()), copy.deletedLists);
    assertEquals(Set.of(inDoomed.id(), inMarked.id()), copy.deletedTasks);
  }

  @Test
  void aTaskOfAListBeingDeletedNamedAloneReadsAsDeletedWithItsList() {
    String user = newUser();
    TaskList marked = list(user, "marked");
    put(marked);
    Task task = task(user, "y", marked.id());
    put(task);
    markDeleting(user, marked.id());
    Copy copy = sync(user, new Copy(), 100);
    SyncToken beforeEdit = SyncToken.changesAfter(clock.instant(), 1); // after the list's create only
    SyncFeed.Page page = feed().page(user, Optional.of(beforeEdit), 1); // names the task alone
    assertEquals(List.of(task.id()), page.items().deletedTasks());
    assertEquals(List.of(marked.id()), page.items().deletedLists());
    assertEquals(Set.of(task.id()), copy.deletedTasks);
  }

  @Test
  void writesDuringAFullReadComeInTheChangesAfterIt() {
    String user = newUser();
    Task first = task(user, "first", null);
    Task second = task(user, "second", null);
    put(first);
    put(second);
    SyncFeed.Page page = feed().page(user, Optional.empty(), 1); // the default list, then the tasks
    Copy copy = new Copy();
    copy.apply(page);
    remove(user, List.of(first.id()), List.of()); // deleted before the read reaches it
    put(retitled(second, "second, edited"));
    Task third = task(user, "third", null);
    put(third);
    sync(user, copy, 1);
    assertEquals(Map.of(second.id(), "second, edited", third.id(), "third"), copy.tasks);
  }

  @Test
  void aTokenStaysAsOldAsTheChangesItStillOwesAndIsRenewedOnceCaughtUp() {
    String user = newUser();
    Instant start = clock.instant();
    Copy copy = sync(user, new Copy(), 100);
    put(task(user, "a", null));
    put(task(user, "b", null));
    clock.advance(Duration.ofHours(1));
    SyncFeed.Page first = feed().page(user, Optional.of(copy.token), 1);
    assertTrue(first.more());
    assertEquals(start, first.next().since());
    clock.advance(Duration.ofHours(1));
    SyncFeed.Page last = feed().page(user, Optional.of(first.next()), 1);
    assertFalse(last.more());
    assertEquals(clock.instant(), last.next().since());
  }

  @Test
  void anotherUsersChangesAreNotSeen() {
    String user = newUser();
    String other = newUser();
    Copy copy = sync(user, new Copy(), 100);
    put(task(other, "theirs", null));
    put(list(other, "theirs"));
    SyncFeed.Page page = feed().page(user, Optional.of(copy.token), 100);
    assertEquals(dev.taskapi.domain.SyncItems.empty(), page.items());
    assertEquals(0, page.next().sequence());
  }

  private static String newUser() {
    return UUID.randomUUID().toString();
  }

  private TaskList list(String userId, String title) {
    Instant now = clock.instant();
    return new TaskList(ids.next(now.toEpochMilli()).toString(), userId, title, now, now, TaskList.FIRST_VERSION);
  }

  private Task task(String userId, String title, String listId) {
    return Task.created(
        ids.next(System.currentTimeMillis()).toString(),
        userId,
        Optional.ofNullable(listId),
        TestTasks.values(title, ""));
  }

  private Task retitled(Task task, String title) {
    return new Task(
        task.id(), task.userId(), task.createdAt(), clock.instant(), task.version() + 1, task.placement(),
        task.values().with(TaskFields.TITLE, title));
  }

}
