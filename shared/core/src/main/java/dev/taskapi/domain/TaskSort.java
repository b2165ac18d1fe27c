package dev.taskapi.domain;

import dev.taskapi.schema.TaskItem;
import java.util.Locale;
import java.util.Optional;

/**
 * The orders {@code GET /tasks} can list in ({@code sort=<name>}, {@code -<name>} descending). Each gives every task
 * a sort key, a string whose natural order is the ascending order, ending in the task id so that no two tasks tie:
 * a page continues strictly after the last key shown, whatever was written since. Descending is the exact reverse,
 * so tasks without a due come last ascending and first descending (as SQL's default {@code NULLS LAST} for
 * ascending and {@code NULLS FIRST} for descending in PostgreSQL).
 */
public enum TaskSort {
  /** The user's order: {@link TaskItem#POSITION_SK}, the by-position index's key (so only with a list). */
  POSITION {
    @Override
    String key(Task task) {
      return TaskItem.positionSortKey(TaskPlacement.listId(task), TaskPlacement.parentId(task), TaskPlacement.position(task), task.id());
    }
  },
  /**
   * The due's date, then its time, as written (no zone arithmetic, as the due filters): a whole day before the
   * timed dues of that day; {@code 09:00} and {@code 09:00:00} are one time. No due sorts after every due.
   */
  DUE {
    @Override
    String key(Task task) {
      Optional<Due> due = task.get(TaskFields.DUE);
      if (due.isEmpty()) {
        return "1#" + task.id();
      }
      String time = due.get().time().map(t -> "T" + (t.length() == 5 ? t + ":00" : t)).orElse("");
      return "0" + due.get().date() + time + "#" + task.id();
    }
  },
  /**
   * Creation: {@link TaskItem#CREATED_SK}, the by-created index's key ({@code created_at}, then the id). Not the id
   * alone: ids clients chose carry no creation order.
   */
  CREATED {
    @Override
    String key(Task task) {
      return TaskItem.createdSortKey(task.createdAt().toEpochMilli(), task.id());
    }
  },
  UPDATED {
    @Override
    String key(Task task) {
      // Fixed-width digits, so text order is time order (seconds until the year 33658, then nanoseconds).
      return padded(task.updatedAt().getEpochSecond(), 12) + padded(task.updatedAt().getNano(), 9) + "#" + task.id();
    }
  },
  /** none, low, medium, high: {@code -priority} lists the most urgent first. */
  PRIORITY {
    @Override
    String key(Task task) {
      return task.get(TaskFields.PRIORITY).ordinal() + "#" + task.id();
    }
  };

  /**
   * The {@link #CREATED} key of a task whose id the server chose (a UUIDv7, created at the instant it carries): the
   * position of a cursor issued before the key was {@code created_at} first, when it was the task id alone.
   */
  public static String createdKeyOfServerId(String taskId) {
    return TaskItem.createdSortKey(TaskIds.createdAt(taskId).toEpochMilli(), taskId);
  }

  private static String padded(long value, int width) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }

  /** The task's sort key in this order; ascending order is the keys' {@link String#compareTo} order. */
  abstract String key(Task task);

  /** The parameter's spelling: the lower-case name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
