package dev.taskapi.domain;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a write does to a recurring task: its rules checked against the task as it will be, and a completion turned
 * into the advance to the next occurrence. Both stores write exactly {@link #written}'s changes, in the one
 * conditional write of the edit (so the version moves once, and the change log records it like any edit).
 *
 * <p>A task without a recurrence, before or after the write, returns here without touching the rule library.
 */
public final class RecurringCompletion {
  private RecurringCompletion() {}

  /**
   * The changes a write of {@code changes} at {@code now} makes to a task whose values are {@code current}: the
   * same, unless they complete a recurring task; then, while its series runs, the task stays open with its due
   * moved to the next occurrence and {@code last_completed_at} set to {@code now}; once the series has run out, it
   * completes for good (with {@code last_completed_at} too).
   *
   * @throws InvalidRequestException when the task would have a recurrence that its due does not allow (no due, or
   *     a date-only due with a sub-daily rule): nothing may be written
   */
  public static TaskChanges written(TaskValues current, TaskChanges changes, Instant now) {
    Optional<Recurrence> recurrence = after(current, changes, TaskFields.RECURRENCE);
    if (recurrence.isEmpty()) {
      return changes;
    }
    Optional<Due> due = after(current, changes, TaskFields.DUE);
    List<FieldError> errors = new ArrayList<>();
    check(recurrence, due, errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    if (!(changes.patch(TaskFields.COMPLETED) instanceof Patch.SetTo<Boolean> completed && completed.value())) {
      return changes;
    }
    Recurrence done = recurrence.get().completedOnce();
    TaskChanges advanced =
        changes
            .set(TaskFields.RECURRENCE, Optional.of(done))
            .set(TaskFields.LAST_COMPLETED_AT, Optional.of(now));
    Optional<Due> next = RecurrenceRules.next(recurrence.get(), due.get(), now);
    return next.isEmpty()
        ? advanced
        : advanced.set(TaskFields.COMPLETED, false).set(TaskFields.DUE, next);
  }

  /**
   * Adds to {@code errors} what makes {@code recurrence} impossible with {@code due}: a recurring task needs a due,
   * and a date-only due recurs by whole days. The rule itself was checked when it was read.
   */
  public static void check(Optional<Recurrence> recurrence, Optional<Due> due, List<FieldError> errors) {
    if (recurrence.isEmpty()) {
      return;
    }
    if (due.isEmpty()) {
      errors.add(new FieldError(TaskFields.DUE.name(), "is required while the task has a recurrence"));
      return;
    }
    Optional<String> problem = RecurrenceRules.problem(recurrence.get().rule(), due.get());
    if (problem.isPresent()) {
      errors.add(new FieldError(TaskFields.RECURRENCE.name() + ".rule", problem.get()));
    }
  }

  private static InvalidRequestException invalid(List<FieldError> errors) {
    return new InvalidRequestException("The request has invalid fields.", errors);
  }

  private static <T> T after(TaskValues current, TaskChanges changes, TaskField<T> field) {
    return changes.patch(field).applyTo(current.get(field), field.absent());
  }
}
