package dev.taskapi.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a PATCH does to each field: a {@link Patch} per field, {@link Patch.Unchanged} for every field it does not
 * name. Immutable; built with {@link #set} and {@link #clear}.
 */
public record TaskChanges(Map<TaskField<?>, Patch<?>> patches) {
  private static final TaskChanges NONE = new TaskChanges(Map.of());

  public TaskChanges {
    patches = Map.copyOf(patches);
  }

  /** No change at all. */
  public static TaskChanges none() {
    return NONE;
  }

  /** These changes, and {@code field} set to {@code value}. */
  public <T> TaskChanges set(TaskField<T> field, T value) {
    return with(field, new Patch.SetTo<>(Objects.requireNonNull(value, field.name())));
  }

  /** These changes, and {@code field} back to its absent value. */
  public <T> TaskChanges clear(TaskField<T> field) {
    return with(field, new Patch.Clear<T>());
  }

  <T> TaskChanges with(TaskField<T> field, Patch<T> patch) {
    Map<TaskField<?>, Patch<?>> copy = new HashMap<>(patches);
    copy.put(field, patch);
    return new TaskChanges(copy);
  }

  @SuppressWarnings("unchecked") // put only through the typed methods above
  public <T> Patch<T> patch(TaskField<T> field) {
    Patch<?> patch = patches.get(field);
    return patch == null ? new Patch.Unchanged<>() : (Patch<T>) patch;
  }

  public boolean isEmpty() {
    return patches.isEmpty();
  }

  /**
   * These changes as written at {@code now}: with the changes of the fields that follow from others. Both stores
   * apply exactly this, so the in-memory fake and DynamoDB cannot disagree on a derived field.
   */
  public TaskChanges at(Instant now) {
    // Completing keeps the first completion time if the task was already completed (if_not_exists in DynamoDB).
    // instanceof, not a type switch: that is bootstrapped (a class spun) at its first run, at cold start.
    if (patch(TaskFields.COMPLETED) instanceof Patch.SetTo<Boolean> set) {
      return set.value()
          ? with(TaskFields.COMPLETED_AT, new Patch.SetIfAbsent<>(Optional.of(now)))
          : with(TaskFields.COMPLETED_AT, new Patch.Clear<>());
    }
    return this;
  }
}
