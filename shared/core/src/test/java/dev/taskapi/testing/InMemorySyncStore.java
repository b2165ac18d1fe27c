package dev.taskapi.testing;

import dev.taskapi.domain.SyncItems;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskList;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.SyncStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link SyncStore} over items and a change log in sorted maps, keyed as the table keys them, with the contract of
 * the DynamoDB reader ({@link SyncStoreContract}). Tests write through {@link #put}, {@link #markDeleting} and
 * {@link #remove}, each of which logs its change as the writer's transaction does.
 */
public final class InMemorySyncStore implements SyncStore {
  private final Map<String, TreeMap<String, Object>> items = new HashMap<>();
  private final Map<String, List<Entry>> log = new HashMap<>();
  private final Set<String> deleting = new HashSet<>();

  private record Entry(List<String> taskIds, List<String> listIds) {}

  public synchronized void put(Task task) {
    partition(task.userId()).put(TaskItem.SORT_PREFIX + task.id(), task);
    append(task.userId(), List.of(task.id()), List.of());
  }

  public synchronized void put(TaskList list) {
    partition(list.userId()).put(ListItem.sortKey(list.id()), list);
    append(list.userId(), List.of(), List.of(list.id()));
  }

  public synchronized void markDeleting(String userId, String listId) {
    deleting.add(userId + "/" + listId);
    append(userId, List.of(), List.of(listId));
  }

  /** Deletes the tasks and lists named, in one logged write. */
  public synchronized void remove(String userId, List<String> taskIds, List<String> listIds) {
    taskIds.forEach(id -> partition(userId).remove(TaskItem.SORT_PREFIX + id));
    listIds.forEach(id -> partition(userId).remove(ListItem.sortKey(id)));
    append(userId, taskIds, listIds);
  }

  @Override
  public synchronized long lastSequence(String userId) {
    return entries(userId).size();
  }

  /** Its log takes numbers in order, each with its entry: nothing is ever in flight. */
  @Override
  public synchronized long fullSyncStart(String userId) {
    return lastSequence(userId);
  }

  @Override
  public synchronized SnapshotPage snapshot(String userId, Optional<String> after, int limit) {
    var range = after.map(a -> partition(userId).tailMap(a, false)).orElse(partition(userId));
    List<String> listIds = new ArrayList<>();
    List<String> taskIds = new ArrayList<>();
    Optional<String> next = Optional.empty();
    for (var item : range.entrySet()) {
      if (listIds.size() + taskIds.size() == limit) {
        next = Optional.of(item.getKey());
        break;
      }
      if (item.getValue() instanceof Task task) {
        taskIds.add(task.id());
      } else {
        listIds.add(((TaskList) item.getValue()).id());
      }
    }
    // The next page starts after the last key read, as DynamoDB's LastEvaluatedKey.
    next = next.map(n -> partition(userId).lowerKey(n));
    if (SyncStore.passedDefaultList(userId, after, next)) {
      listIds.add(dev.taskapi.domain.TaskLists.defaultListId(userId));
    }
    return new SnapshotPage(read(userId, listIds, taskIds), next);
  }

  @Override
  public synchronized ChangePage changes(String userId, long after, int limit) {
    List<Entry> entries = entries(userId);
    List<String> taskIds = new ArrayList<>();
    List<String> listIds = new ArrayList<>();
    long last = after;
    while (last < entries.size()) {
      Entry entry = entries.get((int) last);
      int named = taskIds.size() + listIds.size();
      if (named > 0 && named + entry.taskIds().size() + entry.listIds().size() > limit) {
        break;
      }
      taskIds.addAll(entry.taskIds());
      listIds.addAll(entry.listIds());
      last++;
    }
    return new ChangePage(read(userId, listIds, taskIds), last, last < entries.size());
  }

  private SyncItems read(String userId, List<String> listIds, List<String> taskIds) {
    Map<String, TaskList> live = new HashMap<>();
    Set<String> gone = new HashSet<>();
    for (Object item : partition(userId).values()) {
      if (item instanceof TaskList list && !deleting.contains(userId + "/" + list.id())) {
        live.put(list.id(), list);
      }
    }
    Map<String, Task> tasks = new HashMap<>();
    for (String id : taskIds) {
      if (partition(userId).get(TaskItem.SORT_PREFIX + id) instanceof Task task) {
        tasks.put(id, task);
        String list = task.placement().listId();
        if (!live.containsKey(list) && !list.equals(dev.taskapi.domain.TaskLists.defaultListId(userId))) {
          gone.add(list);
        }
      }
    }
    return SyncItems.of(userId, listIds, live, taskIds, tasks, gone);
  }

  private void append(String userId, List<String> taskIds, List<String> listIds) {
    entries(userId).add(new Entry(List.copyOf(taskIds), List.copyOf(listIds)));
  }

  private List<Entry> entries(String userId) {
    return log.computeIfAbsent(userId, u -> new ArrayList<>());
  }

  private TreeMap<String, Object> partition(String userId) {
    return items.computeIfAbsent(userId, u -> new TreeMap<>());
  }
}
