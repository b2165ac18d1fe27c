package dev.taskapi.testing;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.TakenId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link ListStore} in sorted maps, with the contract of the DynamoDB store ({@link ListStoreContract}). A task has
 * no list yet, so a deletion has no tasks to delete; {@link #unfinishedDeletions} makes the next deletions stop
 * midway, as a large list's would, for the handlers' tests.
 */
public final class InMemoryListStore implements ListStore {
  private final Map<String, TreeMap<String, TaskList>> byUser = new HashMap<>();
  private final Map<String, TaskList> deleting = new HashMap<>();
  /** The create fingerprint of each list whose id the client chose, by {@code <user id>/<list id>}. */
  private final Map<String, String> fingerprints = new HashMap<>();
  private final InMemoryUserStore accounts;
  private int unfinishedDeletions;

  /** A store that checks each create's account in {@code accounts}, as the DynamoDB store checks its table. */
  public InMemoryListStore(InMemoryUserStore accounts) {
    this.accounts = accounts;
  }

  /** A store that takes every create's account for granted, for tests about something else. */
  public InMemoryListStore() {
    this(null);
  }

  /** The next {@code count} deletions stop with their list marked and tasks left ({@link Deletion#UNFINISHED}). */
  public synchronized void unfinishedDeletions(int count) {
    unfinishedDeletions = count;
  }

  @Override
  public synchronized Optional<TakenId<TaskList>> create(
      TaskList list, Optional<String> fingerprint, String ownerEmail) {
    if (accounts != null && !accounts.isOpen(ownerEmail, list.userId())) {
      throw new NotFoundException("This account no longer exists.");
    }
    TreeMap<String, TaskList> lists = lists(list.userId());
    String key = list.userId() + "/" + list.id();
    if (lists.containsKey(list.id()) || deleting.containsKey(key)) {
      // As the real store: the taken id before the limit; a list being deleted holds its id with no fingerprint.
      TaskList held = lists.containsKey(list.id()) ? lists.get(list.id()) : deleting.get(key);
      return Optional.of(
          new TakenId<>(held, lists.containsKey(list.id()) ? Optional.ofNullable(fingerprints.get(key)) : Optional.empty()));
    }
    long others = lists.keySet().stream().filter(id -> !id.equals(TaskLists.defaultListId(list.userId()))).count()
        + deleting.values().stream().filter(l -> l.userId().equals(list.userId())).count();
    if (others >= TaskLists.MAX_PER_ACCOUNT) {
      throw new ConflictException(
          "An account has at most " + TaskLists.MAX_PER_ACCOUNT + " lists besides its default one; delete one first.");
    }
    lists.put(list.id(), list);
    fingerprint.ifPresent(f -> fingerprints.put(key, f));
    return Optional.empty();
  }

  @Override
  public synchronized List<TaskList> all(String userId) {
    String defaultId = TaskLists.defaultListId(userId);
    List<TaskList> all = new ArrayList<>();
    all.add(lists(userId).getOrDefault(defaultId, TaskLists.neverWritten(userId)));
    lists(userId).values().stream()
        .filter(l -> !l.id().equals(defaultId))
        .sorted(TaskLists.CREATION_ORDER)
        .forEach(all::add);
    return all;
  }

  @Override
  public synchronized Optional<TaskList> find(String userId, String listId) {
    TaskList stored = lists(userId).get(listId);
    if (stored == null && listId.equals(TaskLists.defaultListId(userId))) {
      return Optional.of(TaskLists.neverWritten(userId));
    }
    return Optional.ofNullable(stored);
  }

  @Override
  public synchronized Optional<TaskList> rename(
      String userId, String listId, String title, Optional<Long> requiredVersion, Instant now) {
    Optional<TaskList> current = find(userId, listId);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    TaskList list = current.get();
    if (requiredVersion.isPresent() && requiredVersion.get() != list.version()) {
      throw new PreconditionFailedException(
          "The list has changed since the version in If-Match; nothing was changed. Read it again.");
    }
    TaskList renamed = new TaskList(list.id(), userId, title, list.createdAt(), now, list.version() + 1);
    lists(userId).put(listId, renamed);
    return Optional.of(renamed);
  }

  @Override
  public synchronized Deletion delete(String userId, String listId, Duration budget) {
    if (listId.equals(TaskLists.defaultListId(userId))) {
      throw new IllegalArgumentException("the default list is never deleted");
    }
    TaskList list = lists(userId).remove(listId);
    String key = userId + "/" + listId;
    if (list != null) {
      deleting.put(key, list);
    } else if (!deleting.containsKey(key)) {
      return Deletion.NOT_FOUND;
    }
    if (unfinishedDeletions > 0) {
      unfinishedDeletions--;
      return Deletion.UNFINISHED;
    }
    deleting.remove(key);
    return Deletion.DELETED;
  }

  private TreeMap<String, TaskList> lists(String userId) {
    return byUser.computeIfAbsent(userId, u -> new TreeMap<>());
  }
}
