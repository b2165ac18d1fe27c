package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.User;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.ListStore.Deletion;
import dev.taskapi.store.TakenId;
import dev.taskapi.store.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ListStore} does, the in-memory fake and the DynamoDB store alike: the default list before and
 * after its first write, the account check and the limit on create, the version rule of a rename, owner
 * isolation and deletes. Each test works on owners of its own, so implementations may share one table.
 */
public abstract class ListStoreContract {
  public static final String STALE =
      "The list has changed since the version in If-Match; nothing was changed. Read it again.";

  private final TaskIds ids = new TaskIds();
  private final ListStore lists;
  private final UserStore users;

  protected ListStoreContract(ListStore lists, UserStore users) {
    this.lists = lists;
    this.users = users;
  }

  @Test
  void anAccountWithNoListItemHasItsDefaultInbox() {
    User owner = owner();
    TaskList inbox = TaskLists.neverWritten(owner.id());

    assertEquals(List.of(inbox), lists.all(owner.id()));
    assertEquals(Optional.of(inbox), lists.find(owner.id(), inbox.id()));
    assertEquals("Inbox", inbox.title());
    assertEquals(0, inbox.version());
    assertTrue(inbox.isDefault());
    assertEquals(Optional.empty(), lists.find(owner().id(), inbox.id()), "someone else's default list");
  }

  @Test
  void createdListsFollowTheDefaultInCreationOrderAndAreTheirOwnersOnly() {
    User owner = owner();
    TaskList first = list(owner, "Work");
    TaskList second = list(owner, "Home");
    lists.create(first, owner.email());
    lists.create(second, owner.email());

    assertEquals(List.of(TaskLists.neverWritten(owner.id()), first, second), lists.all(owner.id()));
    assertEquals(Optional.of(first), lists.find(owner.id(), first.id()));
    assertTrue(!first.isDefault());
    assertEquals(Optional.empty(), lists.find(owner().id(), first.id()));
    assertEquals(Optional.empty(), lists.find(owner.id(), ids.next(System.currentTimeMillis()).toString()));
  }

  @Test
  void listsWithIdsTheClientChoseAreInCreationOrderAndATakenIdAnswersItsListWithItsCreatesFingerprint() {
    User owner = owner();
    Instant created = now();
    // Ids in the reverse of their creation order: the order is creation's, not the ids'.
    TaskList first = clientList(owner, "ffffffff-ffff-4fff-bfff-ffffffffffff", created, "First");
    TaskList second = clientList(owner, "00000000-0000-4000-8000-000000000001", created.plusMillis(1), "Second");
    assertEquals(Optional.empty(), lists.create(first, Optional.of("fp-1"), owner.email()));
    assertEquals(Optional.empty(), lists.create(second, Optional.of("fp-2"), owner.email()));

    assertEquals(List.of(TaskLists.neverWritten(owner.id()), first, second), lists.all(owner.id()));
    TakenId<TaskList> taken =
        lists.create(clientList(owner, first.id(), created.plusSeconds(1), "Other"), Optional.of("fp-3"), owner.email())
            .orElseThrow();
    assertEquals(new TakenId<>(first, Optional.of("fp-1")), taken);
    assertEquals(3, lists.all(owner.id()).size(), "nothing written");
    User stranger = owner();
    TaskList theirs = clientList(stranger, first.id(), created, "Theirs");
    assertEquals(Optional.empty(), lists.create(theirs, Optional.of("fp-1"), stranger.email()), "ids are per account");
    assertEquals(Optional.of(first), lists.find(owner.id(), first.id()));
  }

  /** A new list with an id the client chose, not stored. */
  private static TaskList clientList(User owner, String id, Instant created, String title) {
    return new TaskList(id, owner.id(), title, created, created, TaskList.FIRST_VERSION);
  }

  @Test
  void aListIsCreatedOnlyForALiveAccount() {
    User owner = owner();
    TaskList forNobody = list(owner, "x");

    assertThrows(NotFoundException.class, () -> lists.create(forNobody, "nobody-" + UUID.randomUUID() + "@example.com"));
    User closing = owner();
    users.close(closing);
    assertThrows(NotFoundException.class, () -> lists.create(list(closing, "x"), closing.email()));
    assertEquals(List.of(TaskLists.neverWritten(owner.id())), lists.all(owner.id()));
  }

  @Test
  void anAccountHasAtMostTheLimitOfListsBesidesItsDefaultUntilItDeletesOne() {
    User owner = owner();
    TaskList kept = null;
    for (int i = 0; i < TaskLists.MAX_PER_ACCOUNT; i++) {
      kept = list(owner, "List " + i);
      lists.create(kept, owner.email());
    }
    TaskList oneTooMany = list(owner, "one too many");

    assertThrows(ConflictException.class, () -> lists.create(oneTooMany, owner.email()));
    assertEquals(TaskLists.MAX_PER_ACCOUNT + 1, lists.all(owner.id()).size());
    assertEquals(Deletion.DELETED, lists.delete(owner.id(), kept.id(), Duration.ofSeconds(5)));
    lists.create(oneTooMany, owner.email());
    assertEquals(Optional.of(oneTooMany), lists.find(owner.id(), oneTooMany.id()));
  }

  @Test
  void aRenameSetsTheTitleAndTheNextVersionAndHonoursIfMatch() {
    User owner = owner();
    TaskList list = list(owner, "Work");
    lists.create(list, owner.email());
    Instant later = now().plusSeconds(1);

    TaskList renamed = lists.rename(owner.id(), list.id(), "Job", Optional.of(1L), later).orElseThrow();

    assertEquals(new TaskList(list.id(), owner.id(), "Job", list.createdAt(), later, 2), renamed);
    assertEquals(Optional.of(renamed), lists.find(owner.id(), list.id()));
    PreconditionFailedException stale = assertThrows(
        PreconditionFailedException.class, () -> lists.rename(owner.id(), list.id(), "Other", Optional.of(1L), later));
    assertEquals(STALE, stale.detail());
    assertEquals(Optional.of(renamed), lists.find(owner.id(), list.id()));
    assertEquals(Optional.empty(), lists.rename(owner().id(), list.id(), "Theirs", Optional.empty(), later));
  }

  @Test
  void theDefaultListsFirstWriteStoresItOnceAtVersionOne() {
    User owner = owner();
    String inbox = TaskLists.defaultListId(owner.id());
    Instant later = now();

    TaskList renamed = lists.rename(owner.id(), inbox, "Today", Optional.of(0L), later).orElseThrow();

    assertEquals(new TaskList(inbox, owner.id(), "Today", TaskLists.NEVER_WRITTEN_CREATED_AT, later, 1), renamed);
    assertEquals(List.of(renamed), lists.all(owner.id()));
    assertThrows(PreconditionFailedException.class,
        () -> lists.rename(owner.id(), inbox, "Again", Optional.of(0L), later), "a second first write");
    assertEquals(2, lists.rename(owner.id(), inbox, "Inbox", Optional.empty(), later).orElseThrow().version());
    User other = owner();
    assertThrows(PreconditionFailedException.class,
        () -> lists.rename(other.id(), TaskLists.defaultListId(other.id()), "x", Optional.of(3L), later),
        "the never-written default list is at version 0");
  }

  @Test
  void aDeletedListIsGoneAndASecondDeleteFindsNothing() {
    User owner = owner();
    TaskList list = list(owner, "Work");
    lists.create(list, owner.email());

    assertEquals(Deletion.DELETED, lists.delete(owner.id(), list.id(), Duration.ofSeconds(5)));

    assertEquals(Optional.empty(), lists.find(owner.id(), list.id()));
    assertEquals(List.of(TaskLists.neverWritten(owner.id())), lists.all(owner.id()));
    assertEquals(Optional.empty(), lists.rename(owner.id(), list.id(), "x", Optional.empty(), now()));
    assertEquals(Deletion.NOT_FOUND, lists.delete(owner.id(), list.id(), Duration.ofSeconds(5)));
    assertEquals(Deletion.NOT_FOUND, lists.delete(owner().id(), ids.next(System.currentTimeMillis()).toString(),
        Duration.ofSeconds(5)));
  }

  @Test
  void someoneElsesListCannotBeDeleted() {
    User owner = owner();
    TaskList list = list(owner, "Work");
    lists.create(list, owner.email());

    assertEquals(Deletion.NOT_FOUND, lists.delete(owner().id(), list.id(), Duration.ofSeconds(5)));
    assertEquals(Optional.of(list), lists.find(owner.id(), list.id()));
  }

  /** A newly registered account. */
  protected final User owner() {
    return TaskStoreContract.register(users);
  }

  /** A new list of {@code owner}'s, not stored. */
  protected final TaskList list(User owner, String title) {
    String id = ids.next(System.currentTimeMillis()).toString();
    Instant created = TaskIds.createdAt(id);
    return new TaskList(id, owner.id(), title, created, created, TaskList.FIRST_VERSION);
  }

  protected static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
