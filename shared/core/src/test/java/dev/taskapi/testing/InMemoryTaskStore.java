package dev.taskapi.testing;

import dev.taskapi.domain.Move;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.Subtree;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskPage;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.store.TakenId;
import dev.taskapi.store.TaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link TaskStore} in sorted maps, with the contract of the DynamoDB store ({@link TaskStoreContract}): each
 * user's tasks ordered by id, listed newest (largest id) first, strictly after {@code afterTaskId};
 * {@code lastTaskId} present exactly when more tasks follow. Records the arguments of each {@link #list} call so
 * tests can see what a handler asked.
 */
public final class InMemoryTaskStore implements TaskStore {
  private final Map<String, NavigableMap<String, Task>> byUser = new HashMap<>();
  private final List<ListCall> listCalls = new ArrayList<>();
  private final List<QueryCall> queryCalls = new ArrayList<>();
  /** The create fingerprint of each task whose id the client chose, by {@code <user id>/<task id>}. */
  private final Map<String, String> fingerprints = new HashMap<>();
  private final InMemoryUserStore accounts;
  private final InMemoryListStore lists;

  /**
   * A store that checks each create's account in {@code accounts}, and the list of each create and move in {@code
   * lists}, as the DynamoDB store checks its table.
   */
  public InMemoryTaskStore(InMemoryUserStore accounts, InMemoryListStore lists) {
    this.accounts = accounts;
    this.lists = lists;
  }

  /** A store that takes every create's account and list for granted, for tests about something else. */
  public InMemoryTaskStore() {
    this(null, null);
  }

  /** The arguments of one {@link #list} call. */
  public record ListCall(String userId, Optional<Boolean> completed, int limit, Optional<String> afterTaskId) {}

  /** The arguments of one {@link #query} call. */
  public record QueryCall(String userId, TaskQuery query, int limit, Optional<String> afterPosition) {}

  /** Seeds a task, as a test arranges state. */
  public boolean create(Task task) {
    return create(task, task.userId() + "@example.com");
  }

  @Override
  public synchronized Optional<TakenId<Task>> create(Task task, Optional<String> fingerprint, String ownerEmail) {
    if (accounts != null && !accounts.isOpen(ownerEmail, task.userId())) {
      throw new NotFoundException("This account no longer exists.");
    }
    NavigableMap<String, Task> tasks = byUser.computeIfAbsent(task.userId(), u -> new TreeMap<>(Comparator.reverseOrder()));
    String key = task.userId() + "/" + task.id();
    if (tasks.containsKey(task.id())) {
      // As the real store: a taken id is answered before the list and the parent are checked.
      return Optional.of(new TakenId<>(tasks.get(task.id()), Optional.ofNullable(fingerprints.get(key))));
    }
    checkList(task.userId(), task.placement().listId());
    Placement at = task.placement();
    if (!at.topLevel()) {
      // As the real store: the parent must still be there, in the sub-task's list; its count of sub-tasks rises.
      Task parent = tasks.get(at.parentId());
      if (parent == null || !parent.placement().listId().equals(at.listId())) {
        throw NotFoundException.noSuchParent();
      }
      tasks.put(parent.id(), withChildren(parent, 1));
    }
    tasks.put(task.id(), task);
    fingerprint.ifPresent(f -> fingerprints.put(key, f));
    return Optional.empty();
  }

  @Override
  public synchronized TaskPage list(
      String userId, Optional<Boolean> completed, int limit, Optional<String> afterTaskId) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    listCalls.add(new ListCall(userId, completed, limit, afterTaskId));
    NavigableMap<String, Task> tasks = byUser.getOrDefault(userId, new TreeMap<>(Comparator.reverseOrder()));
    NavigableMap<String, Task> rest = afterTaskId.map(id -> tasks.tailMap(id, false)).orElse(tasks);
    List<Task> matching =
        rest.values().stream().filter(t -> completed.map(state -> t.completed() == state).orElse(true)).toList();
    List<Task> page = matching.stream().limit(limit).toList();
    Optional<String> last = matching.size() > limit ? Optional.of(page.getLast().id()) : Optional.empty();
    return new TaskPage(page, last);
  }

  /** Every matching task sorted, then the page after the position: what the DynamoDB store answers, unbounded. */
  @Override
  public synchronized TaskQuery.Page query(String userId, TaskQuery query, int limit, Optional<String> afterPosition) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    queryCalls.add(new QueryCall(userId, query, limit, afterPosition));
    Comparator<String> order = query.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
    List<Task> matching =
        byUser.getOrDefault(userId, new TreeMap<>()).values().stream()
            .filter(query::matches)
            .filter(t -> afterPosition.map(position -> query.isAfter(query.sortKey(t), position)).orElse(true))
            .sorted(Comparator.comparing(query::sortKey, order))
            .toList();
    List<Task> page = matching.stream().limit(limit).toList();
    Optional<String> next = matching.size() > limit ? Optional.of(query.sortKey(page.getLast())) : Optional.empty();
    return new TaskQuery.Page(page, next);
  }

  @Override
  public synchronized Optional<Task> find(String userId, String taskId) {
    return Optional.ofNullable(byUser.getOrDefault(userId, new TreeMap<>()).get(taskId));
  }

  @Override
  public synchronized Optional<Task> update(
      String userId, String taskId, TaskChanges changes, Optional<Long> requiredVersion, Instant now) {
    Optional<Task> current = current(userId, taskId, requiredVersion);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Task updated = current.get().apply(changes, now);
    byUser.get(userId).put(taskId, updated);
    return Optional.of(updated);
  }

  @Override
  public synchronized Optional<Task> move(
      String userId, String taskId, Move move, TaskChanges changes, Optional<Long> requiredVersion, Instant now) {
    Optional<Task> current = current(userId, taskId, requiredVersion);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Task task = current.get();
    Placement from = task.placement();
    Optional<Task> newParent =
        move.newParent(taskId, from).map(id -> find(userId, id).orElseThrow(NotFoundException::noSuchParent));
    Move.Destination to = move.destination(task, newParent);
    List<String> ancestors = new ArrayList<>();
    for (Optional<Task> up = newParent; up.isPresent(); up = find(userId, up.get().placement().parentId())) {
      ancestors.add(up.get().id());
    }
    Move.checkNoCycle(taskId, ancestors);
    checkList(userId, to.listId());
    if (move.keepsPlace(from)) {
      Task updated = task.apply(changes, now);
      byUser.get(userId).put(taskId, updated);
      return Optional.of(updated);
    }
    Subtree subtree = Subtree.of(taskId, byUser.get(userId).values().stream()
        .filter(t -> !t.placement().topLevel())
        .map(t -> new Subtree.SubTask(t.id(), t.placement().parentId(), t.version(), t.placement().children(),
            t.placement().position()))
        .toList());
    boolean rewritesSubtree = !to.listId().equals(from.listId()) || to.depth() != from.depth();
    if (rewritesSubtree) {
      Move.checkSubtree(to, subtree);
    }
    List<Task> siblings =
        byUser.get(userId).values().stream()
            .filter(t -> t.placement().listId().equals(to.listId()) && t.placement().parentId().equals(to.parentId())
                && !t.id().equals(taskId))
            .sorted(Comparator.comparing((Task t) -> t.placement().sortKey(t.id())))
            .toList();
    String before = null;
    List<Task> following = siblings;
    if (move.anchor() instanceof Move.Anchor.Last || move.anchor() instanceof Move.Anchor.Kept) {
      before = siblings.isEmpty() ? null : siblings.getLast().placement().position();
      following = List.of();
    } else if (move.anchor() instanceof Move.Anchor.After(String afterId)) {
      Task after = find(userId, afterId).orElseThrow(Move::afterNotFound);
      if (!after.placement().listId().equals(to.listId())) {
        throw Move.afterInAnotherList();
      }
      if (!after.placement().parentId().equals(to.parentId())) {
        throw Move.afterUnderAnotherParent();
      }
      before = after.placement().position();
      following = siblings.subList(siblings.indexOf(after) + 1, siblings.size());
    }
    String position = Move.position(before, following.stream().map(t -> t.placement().position()).toList());
    Task moved = task.moved(to.at(position, from.children()), changes, now);
    byUser.get(userId).put(taskId, moved);
    newParent.ifPresent(parent -> byUser.get(userId).put(parent.id(), withChildren(parent, 1)));
    if (rewritesSubtree) {
      // As the real store: every sub-task follows to the list, each at its new depth, one version later.
      for (Subtree.Member member : subtree.members()) {
        Task sub = byUser.get(userId).get(member.task().id());
        Placement at = sub.placement();
        byUser.get(userId).put(sub.id(), sub.moved(new Placement(to.listId(), at.parentId(),
            to.depth() + member.level(), at.position(), at.children()), TaskChanges.none(), now));
      }
    }
    return Optional.of(moved);
  }

  /** {@code task} with {@code more} sub-tasks counted: not an edit of it (same version). */
  private static Task withChildren(Task task, long more) {
    Placement at = task.placement();
    return new Task(task.id(), task.userId(), task.createdAt(), task.updatedAt(), task.version(),
        new Placement(at.listId(), at.parentId(), at.depth(), at.position(), at.children() + more), task.values());
  }

  /** The task an update or move starts from; a 412 when it is not at {@code requiredVersion}. */
  private Optional<Task> current(String userId, String taskId, Optional<Long> requiredVersion) {
    Optional<Task> current = find(userId, taskId);
    if (current.isPresent() && requiredVersion.isPresent() && requiredVersion.get() != current.get().version()) {
      throw new PreconditionFailedException(
          "The task has changed since the version in If-Match; nothing was changed. Read it again.");
    }
    return current;
  }

  private void checkList(String userId, String listId) {
    if (lists != null && lists.find(userId, listId).isEmpty()) {
      throw NotFoundException.noSuchList();
    }
  }

  @Override
  public synchronized boolean deleteAll(String userId, java.time.Duration budget) {
    byUser.remove(userId);
    fingerprints.keySet().removeIf(key -> key.startsWith(userId + "/"));
    return true;
  }

  @Override
  public synchronized boolean delete(String userId, String taskId) {
    NavigableMap<String, Task> tasks = byUser.get(userId);
    if (tasks == null || tasks.remove(taskId) == null) {
      return false;
    }
    fingerprints.remove(userId + "/" + taskId);
    // Its descendants go with it, as in the real store.
    List<String> children =
        tasks.values().stream().filter(t -> t.placement().parentId().equals(taskId)).map(Task::id).toList();
    children.forEach(child -> delete(userId, child));
    return true;
  }

  /** The user's tasks, newest first. */
  public synchronized List<Task> tasksOf(String userId) {
    return List.copyOf(byUser.getOrDefault(userId, new TreeMap<>()).values());
  }

  public synchronized List<ListCall> listCalls() {
    return List.copyOf(listCalls);
  }

  public synchronized List<QueryCall> queryCalls() {
    return List.copyOf(queryCalls);
  }
}
