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
  public synchronized Optional<PasswordReset> consume(String userId, String tokenHash) {
    PasswordReset stored = resets.get(tokenHash);
    return stored != null && stored.userId().equals(userId) ? Optional.of(resets.remove(tokenHash)) : Optional.empty();
  }

  @Override
  public synchronized boolean deleteAll(String userId, java.time.Duration budget) {
    resets.values().removeIf(reset -> reset.userId().equals(userId));
    return true;
  }

  /** The record stored under {@code tokenHash}, left in place. */
  public synchronized Optional<PasswordReset> find(String tokenHash) {
    return Optional.ofNullable(resets.get(tokenHash));
  }

  public synchronized int size() {
    return resets.size();
  }
}
