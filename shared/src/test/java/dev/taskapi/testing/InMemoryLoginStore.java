package dev.taskapi.testing;

import dev.taskapi.domain.FailedLogins;
import dev.taskapi.domain.LoginState;
import dev.taskapi.domain.User;
import dev.taskapi.store.LoginStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link LoginStore} over an {@link InMemoryUserStore} and a map, with the DynamoDB store's window rules. */
public final class InMemoryLoginStore implements LoginStore {
  private final InMemoryUserStore users;
  private final Map<String, FailedLogins> failures = new HashMap<>();
  private int writes;

  public InMemoryLoginStore(InMemoryUserStore users) {
    this.users = users;
  }

  @Override
  public synchronized LoginState find(String email) {
    return new LoginState(users.findByEmail(email), Optional.ofNullable(failures.get(User.normalizeEmail(email))));
  }

  @Override
  public synchronized void recordFailure(String email, Instant now, Instant newWindowEnd) {
    writes++;
    failures.merge(
        User.normalizeEmail(email),
        new FailedLogins(1, newWindowEnd),
        (old, fresh) -> old.activeAt(now) ? new FailedLogins(old.count() + 1, old.expiresAt()) : fresh);
  }

  @Override
  public synchronized void clearFailures(String email) {
    writes++;
    failures.remove(User.normalizeEmail(email));
  }

  /** How many writes the logins made: a successful login without earlier failures must make none. */
  public synchronized int writes() {
    return writes;
  }
}
