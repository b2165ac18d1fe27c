package dev.taskapi.testing;

import dev.taskapi.domain.PasswordReset;
import dev.taskapi.store.PasswordResetStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link PasswordResetStore} over a map: a record is used up by the one consume that finds it. */
public final class InMemoryPasswordResetStore implements PasswordResetStore {
  private final Map<String, PasswordReset> resets = new HashMap<>();

  @Override
  public synchronized void create(PasswordReset reset) {
    resets.put(reset.tokenHash(), reset);
  }

  @Override
  public synchronized Optional<PasswordReset> consume(String tokenHash) {
    return Optional.ofNullable(resets.remove(tokenHash));
  }

  /** The record stored under {@code tokenHash}, left in place. */
  public synchronized Optional<PasswordReset> find(String tokenHash) {
    return Optional.ofNullable(resets.get(tokenHash));
  }

  public synchronized int size() {
    return resets.size();
  }
}
