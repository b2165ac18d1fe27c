package dev.taskapi.testing;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.User;
import dev.taskapi.store.UserStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link UserStore} in a map, with the contract of the DynamoDB store ({@link UserStoreContract}): users keyed by
 * their normalized email, a second registration for the same address in any letter case is a 409, and a closed
 * account takes no new tasks ({@link InMemoryTaskStore#InMemoryTaskStore(InMemoryUserStore)}).
 */
public final class InMemoryUserStore implements UserStore {
  private final Map<String, User> byEmail = new LinkedHashMap<>();
  /** The ids of the accounts being deleted (DynamoDB marks their items {@code closing}). */
  private final Set<String> closing = new HashSet<>();
  private RuntimeException failure;

  @Override
  public synchronized void create(User user) {
    throwIfFailing();
    String key = User.normalizeEmail(user.email());
    User stored = byEmail.putIfAbsent(key, user);
    // As the DynamoDB store does for the SDK's retry of a put that landed: only someone else's account conflicts.
    if (stored != null && !stored.id().equals(user.id())) {
      throw new ConflictException("An account with this email already exists.");
    }
  }

  @Override
  public synchronized Optional<User> findByEmail(String email) {
    throwIfFailing();
    return Optional.ofNullable(byEmail.get(User.normalizeEmail(email)));
  }

  @Override
  public synchronized Optional<User> changePassword(User user, String newPasswordHash) {
    throwIfFailing();
    String key = User.normalizeEmail(user.email());
    if (!user.equals(byEmail.get(key))) {
      return Optional.empty();
    }
    User changed =
        new User(user.id(), user.username(), user.email(), newPasswordHash, user.createdAt(), user.tokenVersion() + 1);
    byEmail.put(key, changed);
    return Optional.of(changed);
  }

  @Override
  public synchronized boolean revokeTokens(String email, String userId) {
    throwIfFailing();
    String key = User.normalizeEmail(email);
    User stored = byEmail.get(key);
    if (stored == null || !stored.id().equals(userId)) {
      return false;
    }
    byEmail.put(key, new User(stored.id(), stored.username(), stored.email(), stored.passwordHash(),
        stored.createdAt(), stored.tokenVersion() + 1));
    return true;
  }

  @Override
  public synchronized boolean close(User user) {
    throwIfFailing();
    User stored = byEmail.get(User.normalizeEmail(user.email()));
    if (stored == null || !stored.id().equals(user.id())) {
      return false;
    }
    closing.add(user.id());
    return true;
  }

  /** Whether {@code userId}'s account is registered under {@code email} and not being deleted. */
  synchronized boolean isOpen(String email, String userId) {
    User stored = byEmail.get(User.normalizeEmail(email));
    return stored != null && stored.id().equals(userId) && !closing.contains(userId);
  }

  @Override
  public synchronized boolean delete(User user) {
    throwIfFailing();
    String key = User.normalizeEmail(user.email());
    User stored = byEmail.get(key);
    return stored != null && stored.id().equals(user.id()) && byEmail.remove(key) != null;
  }

  /** Every call from now on throws {@code e}, as a store whose database is unreachable would. */
  public synchronized void failWith(RuntimeException e) {
    this.failure = e;
  }

  public synchronized List<User> all() {
    return List.copyOf(byEmail.values());
  }

  private void throwIfFailing() {
    if (failure != null) {
      throw failure;
    }
  }
}
