package dev.taskapi.testing;

import dev.taskapi.domain.Session;
import dev.taskapi.store.SessionStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SessionStore} over a map, with the DynamoDB store's conditions (rotation requires the current hash). */
public final class InMemorySessionStore implements SessionStore {
  private final Map<String, Session> families = new HashMap<>();

  @Override
  public synchronized void create(Session session) {
    if (families.putIfAbsent(session.familyId(), session) != null) {
      throw new IllegalStateException("family id reused");
    }
  }

  @Override
  public synchronized Optional<Session> find(String userId, String familyId) {
    return Optional.ofNullable(families.get(familyId)).filter(s -> s.userId().equals(userId));
  }

  @Override
  public synchronized boolean rotate(Session current, Session rotated) {
    Session stored = families.get(current.familyId());
    if (stored == null || !stored.tokenHash().equals(current.tokenHash())
        || !stored.expiresAt().isAfter(rotated.lastUsedAt())) {
      return false;
    }
    families.put(current.familyId(), rotated);
    return true;
  }

  @Override
  public synchronized boolean revoke(String userId, String familyId) {
    Session stored = families.get(familyId);
    return stored != null && stored.userId().equals(userId) && families.remove(familyId) != null;
  }

  @Override
  public synchronized boolean deleteAll(String userId, java.time.Duration budget) {
    families.values().removeIf(s -> s.userId().equals(userId));
    return true;
  }

  /** Replaces a stored family as it is, e.g. aged for an expiry test. */
  public synchronized void put(Session session) {
    families.put(session.familyId(), session);
  }

  public synchronized List<Session> all() {
    return List.copyOf(families.values());
  }
}
