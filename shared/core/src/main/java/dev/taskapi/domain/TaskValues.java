package dev.taskapi.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The value of every {@link TaskFields#ALL field} of one task. Immutable; built from the absent values
 * ({@link #absent()}) with {@link #with}, from stored attributes ({@link #loaded}), or by a change
 * ({@link #apply}), so a new field always has a value and no constructor lists the fields.
 */
public record TaskValues(Map<TaskField<?>, Object> values) {
  /** Holds a value for exactly the fields of {@link TaskFields#ALL}, never null. */
  public TaskValues {
    if (!values.keySet().equals(Set.copyOf(TaskFields.ALL))) {
      throw new IllegalArgumentException("a value for every task field, and only those: " + values.keySet());
    }
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Every field at its absent value. */
  public static TaskValues absent() {
    Map<TaskField<?>, Object> values = new LinkedHashMap<>();
    for (TaskField<?> field : TaskFields.ALL) {
      values.put(field, field.absent());
    }
    return new TaskValues(values);
  }

  /** The values of a stored item: {@code stored} gives each field's neutral value, or null when it has none. */
  public static TaskValues loaded(Function<TaskField<?>, Object> stored) {
    Map<TaskField<?>, Object> values = new LinkedHashMap<>();
    for (TaskField<?> field : TaskFields.ALL) {
      values.put(field, field.loaded(stored.apply(field)));
    }
    return new TaskValues(values);
  }

  @SuppressWarnings("unchecked") // every value was put through a typed method or its field's own loader
  public <T> T get(TaskField<T> field) {
    return (T) values.get(field);
  }

  /** These values with {@code field} set to {@code value}. */
  public <T> TaskValues with(TaskField<T> field, T value) {
    Map<TaskField<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(field, Objects.requireNonNull(value, field.name()));
    return new TaskValues(copy);
  }

  /** These values with {@code changes} applied. */
  public TaskValues apply(TaskChanges changes) {
    Map<TaskField<?>, Object> copy = new LinkedHashMap<>();
    for (TaskField<?> field : TaskFields.ALL) {
      copy.put(field, applied(field, changes));
    }
    return new TaskValues(copy);
  }

  private <T> T applied(TaskField<T> field, TaskChanges changes) {
    return changes.patch(field).applyTo(get(field), field.absent());
  }

  /**
   * What the idempotency fingerprint of a create takes, in field order: each creatable field's part
   * ({@link TaskField#fingerprint}), none for a new field left at its absent value.
   */
  public List<String> fingerprintParts() {
    List<String> parts = new ArrayList<>();
    for (TaskField<?> field : TaskFields.ALL) {
      if (field.creatable()) {
        Optional<String> part = field.fingerprintOf(this);
        if (part.isPresent()) {
          parts.add(part.get());
        }
      }
    }
    return parts;
  }
}
