package dev.taskapi.domain;

/**
 * What a change does to one field of a task: leave it, set it to a value, clear it (back to the field's
 * {@link TaskField#absent() absent} value), or set it only if it has no value yet (a derived field that keeps its
 * first value, as {@code completed_at} keeps the moment a task was first completed). Explicit, so that "not sent"
 * and "sent as null" can never be confused, and a store can turn each into its own update clause.
 */
public sealed interface Patch<T> {
  /** Not sent: the field keeps its value. */
  record Unchanged<T>() implements Patch<T> {}

  /** Sent: the field takes this value. */
  record SetTo<T>(T value) implements Patch<T> {}

  /** Sent as {@code null}: the field goes back to its absent value (DynamoDB: the attribute is removed). */
  record Clear<T>() implements Patch<T> {}

  /** The field takes this value unless it has one already (DynamoDB: {@code if_not_exists}). */
  record SetIfAbsent<T>(T value) implements Patch<T> {}

  /** The field's value after this patch, from {@code current}; {@code absent} is the field's empty value. */
  default T applyTo(T current, T absent) {
    return switch (this) {
      case Unchanged<T> u -> current;
      case SetTo<T> set -> set.value();
      case Clear<T> c -> absent;
      case SetIfAbsent<T> init -> current.equals(absent) ? init.value() : current;
    };
  }
}
