package dev.taskapi.domain;

/** A field whose value is itself a neutral value (a String or a Boolean), stored as it is. */
abstract class PlainField<T> extends TaskField<T> {
  private final Class<T> type;

  PlainField(String name, Access access, Class<T> type) {
    super(name, access, false);
    this.type = type;
  }

  @Override
  protected final Object store(T value) {
    return value;
  }

  @Override
  protected final T load(Object stored) {
    return type.cast(stored);
  }
}
