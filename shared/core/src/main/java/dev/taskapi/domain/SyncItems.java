package dev.taskapi.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of {@code GET /sync}: the lists and tasks as they are now, and the ids of those that are gone. The one
 * definition of what reads as gone, which every sync store applies ({@link #of}).
 */
public record SyncItems(List<TaskList> lists, List<Task> tasks, List<String> deletedLists, List<String> deletedTasks) {
  public SyncItems {
    lists = List.copyOf(lists);
    tasks = List.copyOf(tasks);
    deletedLists = List.copyOf(deletedLists);
    deletedTasks = List.copyOf(deletedTasks);
  }

  public static SyncItems empty() {
    return new SyncItems(List.of(), List.of(), List.of(), List.of());
  }

  /**
   * What the page reports for the user's lists {@code listIds} and tasks {@code taskIds}, given what was read:
   *
   * <ul>
   *   <li>a list is there if {@code liveLists} holds it (read, and its deletion not begun); the default list is
   *       always there, as the never-written Inbox when it has no item; any other list is deleted.
   *   <li>a task is there if {@code tasks} holds it and its list is not in {@code goneLists}; otherwise it is
   *       deleted. A task of a list being deleted reads as deleted as its list does (the deletion's sweep will
   *       remove it), and that list is reported deleted with it.
   * </ul>
   *
   * @param goneLists lists read as being deleted or absent, whether named or read for the tasks' sake
   */
  public static SyncItems of(
      String userId,
      Collection<String> listIds,
      Map<String, TaskList> liveLists,
      Collection<String> taskIds,
      Map<String, Task> tasks,
      Set<String> goneLists) {
    String defaultId = TaskLists.defaultListId(userId);
    List<TaskList> lists = new ArrayList<>();
    Set<String> deletedLists = new LinkedHashSet<>();
    for (String id : new LinkedHashSet<>(listIds)) {
      TaskList list = liveLists.get(id);
      if (list != null) {
        lists.add(list);
      } else if (id.equals(defaultId)) {
        lists.add(TaskLists.neverWritten(userId));
      } else {
        deletedLists.add(id);
      }
    }
    List<Task> present = new ArrayList<>();
    List<String> deletedTasks = new ArrayList<>();
    for (String id : new LinkedHashSet<>(taskIds)) {
      Task task = tasks.get(id);
      if (task == null) {
        deletedTasks.add(id);
      } else if (goneLists.contains(task.placement().listId())) {
        deletedTasks.add(id);
        deletedLists.add(task.placement().listId());
      } else {
        present.add(task);
      }
    }
    return new SyncItems(lists, present, new ArrayList<>(deletedLists), deletedTasks);
  }
}
