package dev.taskapi.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's sub-tasks at every level, as one strongly consistent read of its owner's sub-tasks found them, parents
 * before their children ({@code members} in breadth-first order, so level by level). What a subtree move writes
 * (each member with its new list and depth) and what a cascade delete deletes (deepest first, so that whatever is
 * left after an interruption is still one tree under the task).
 */
public record Subtree(String rootId, List<Member> members) {
  public Subtree {
    members = List.copyOf(members);
  }

  /**
   * One sub-task as read: its id, its parent's, and the values a write of it is conditional on: its version (0
   * for an item from before versions) and its {@code children} count (never lowered: one more means a sub-task was
   * created or moved under it since the read). {@code position} is its stored position, or its initial one.
   */
  public record SubTask(String id, String parentId, long version, long children, String position) {}

  /** A member of the subtree: a sub-task {@code level} levels below the root (1: a direct sub-task). */
  public record Member(SubTask task, int level) {}

  /** The subtree of {@code rootId} among {@code subTasks} (any of the owner's sub-tasks; the others are ignored). */
  public static Subtree of(String rootId, Collection<SubTask> subTasks) {
    Map<String, List<SubTask>> byParent = new HashMap<>();
    for (SubTask subTask : subTasks) {
      byParent.computeIfAbsent(subTask.parentId(), p -> new ArrayList<>()).add(subTask);
    }
    List<Member> members = new ArrayList<>();
    // Moves never make a cycle (Move.checkNoCycle, at commit time), but a walk of stored data must end regardless.
    Set<String> seen = new HashSet<>(List.of(rootId));
    List<String> level = List.of(rootId);
    for (int depth = 1; !level.isEmpty(); depth++) {
      List<String> next = new ArrayList<>();
      for (String parent : level) {
        for (SubTask child : byParent.getOrDefault(parent, List.of())) {
          if (seen.add(child.id())) {
            members.add(new Member(child, depth));
            next.add(child.id());
          }
        }
      }
      level = next;
    }
    return new Subtree(rootId, members);
  }

  /** Levels below the root: 0 for a task without sub-tasks. */
  public int height() {
    return members.isEmpty() ? 0 : members.getLast().level();
  }

  /** The tasks of the subtree, the root included. */
  public int size() {
    return 1 + members.size();
  }

  /** The members, deepest first: deleting in this order never leaves a sub-task without its parent. */
  public List<Member> deepestFirst() {
    return members.reversed();
  }
}
