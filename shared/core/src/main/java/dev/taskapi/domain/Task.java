package dev.taskapi.domain;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task owned by one user: its identity and version, which the server sets, and the value of every
 * {@link TaskFields field}. {@code id} is a UUIDv7 the server chose, or any UUID the client chose (so ids need not
 * sort in creation order: {@code created_at} does). {@code version} counts the
 * task's writes (1 when created, +1 per update) and is its entity tag: a conditional update names the version it
 * read, so of two clients editing the same state exactly one wins. Its {@link Placement} (list and position) is
 * kept apart from the fields: its absent values depend on the task's identity, and changing it is a move.
 */
public record Task(
    String id, String userId, Instant createdAt, Instant updatedAt, long version, Placement placement,
    TaskValues values) {
  /** The version of a task as created. Items stored before versions existed read as 0. */
  public static final long FIRST_VERSION = 1;

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(values, "values");
  }

  /**
   * A new task with {@code values}: the one way a request becomes a task (the create handler and an idempotent
   * retry alike). Its {@code created_at} is the instant its id carries, so the two never disagree; it is
   * unchanged since, at the first version. It goes last in {@code listId} (empty: the owner's default list).
   */
  public static Task created(String id, String userId, Optional<String> listId, TaskValues values) {
    return created(id, userId, Placement.initial(userId, id, listId), values);
  }

  /**
   * A new task with the server's id (a UUIDv7) and {@code values} at {@code placement} (a sub-task's: {@link
   * Placement#under}), created at the instant its id carries.
   */
  public static Task created(String id, String userId, Placement placement, TaskValues values) {
    return created(id, TaskIds.createdAt(id), userId, placement, values);
  }

  /** A new task created at {@code createdAt}, unchanged since, at the first version. */
  public static Task created(String id, Instant createdAt, String userId, Placement placement, TaskValues values) {
    return new Task(id, userId, createdAt, createdAt, FIRST_VERSION, placement, values);
  }

  public <T> T get(TaskField<T> field) {
    return values.get(field);
  }

  public String title() {
    return get(TaskFields.TITLE);
  }

  public String description() {
    return get(TaskFields.DESCRIPTION);
  }

  public boolean completed() {
    return get(TaskFields.COMPLETED);
  }

  /** This task with {@code changes} applied at {@code now}, one version later. */
  public Task apply(TaskChanges changes, Instant now) {
    return moved(placement, changes, now);
  }

  /** This task placed at {@code to}, with {@code changes} applied at {@code now}, one version later. */
  public Task moved(Placement to, TaskChanges changes, Instant now) {
    return new Task(id, userId, createdAt, now, version + 1, to, values.apply(written(changes, now)));
  }

  /**
   * What writing {@code changes} at {@code now} changes in this task: they, with the fields that follow from them
   * ({@link TaskChanges#at}) and a recurring task's advance ({@link RecurringCompletion}). A store writes exactly
   * these, and answers {@link #apply} of the same {@code changes}.
   *
   * @throws InvalidRequestException when the task's recurrence would not be possible with its due, or a reminder
   *     before it would have no moment
   */
  public TaskChanges written(TaskChanges changes, Instant now) {
    TaskChanges written = RecurringCompletion.written(values, changes, now);
    if (!(written.patch(TaskFields.DUE) instanceof Patch.Unchanged
        && written.patch(TaskFields.REMINDERS) instanceof Patch.Unchanged)) {
      TaskValues after = values.apply(written);
      List<FieldError> errors = new ArrayList<>();
      RemindersField.check(after.get(TaskFields.REMINDERS), after.get(TaskFields.DUE), errors);
      if (!errors.isEmpty()) {
        throw new InvalidRequestException("The request has invalid fields.", errors);
      }
    }
    return written.at(now);
  }
}
