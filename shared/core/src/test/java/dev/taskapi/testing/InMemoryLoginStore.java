package dev.taskapi.testing;

import dev.taskapi.domain.FailedLogins;
import dev.taskapi.domain.User;
import dev.taskapi.store.LoginStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LoginStore} over a map, with the DynamoDB store's window rules ({@link LoginStoreContract}): a window ends
 * on a whole second, as DynamoDB's {@code expires_at} (epoch seconds) does.
 */
public final class InMemoryLoginStore implements LoginStore {
  private final Map<String, FailedLogins> windows = new HashMap<>();
  private int writes;

  @Override
  public synchronized Optional<Instant> reserve(String email, Instant now, int maxAttempts, Instant newWindowEnd) {
    String key = User.normalizeEmail(email);
    FailedLogins window = windows.get(key);
    if (window == null || !window.activeAt(now)) {
      windows.put(key, new FailedLogins(1, newWindowEnd.truncatedTo(ChronoUnit.SECONDS)));
    } else if (window.count() < maxAttempts) {
      windows.put(key, new FailedLogins(window.count() + 1, window.expiresAt()));
    } else {
      return Optional.of(window.expiresAt());
    }
    writes++;
    return Optional.empty();
  }

  @Override
  public synchronized void clear(String email) {
    writes++;
    windows.remove(User.normalizeEmail(email));
  }

  /** How many writes were made: a refused attempt must make none. */
  public synchronized int writes() {
    return writes;
  }

  /** Whether {@code email} has a window (open or expired). */
  public synchronized boolean hasWindow(String email) {
    return windows.containsKey(User.normalizeEmail(email));
  }
}
