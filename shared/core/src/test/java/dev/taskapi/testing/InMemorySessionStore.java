package dev.taskapi.testing;

import dev.taskapi.domain.Session;
import dev.taskapi.store.SessionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SessionStore} over a map, with the DynamoDB store's conditions: rotation requires the current hash, and,
 * given the accounts, a family is created only for an account that is registered and not being deleted. The ended
 * sessions it records stand for the account item's {@code ended_sessions}.
 */
public final class InMemorySessionStore implements SessionStore {
  private final Map<String, Session> families = new HashMap<>();
  private final Map<String, Instant> ended = new HashMap<>();
  private final InMemoryUserStore accounts;

  /** Sessions of accounts that {@code accounts} holds: a family is created only while its account is open. */
  public InMemorySessionStore(InMemoryUserStore accounts) {
    this.accounts = accounts;
  }

  /** Sessions whose accounts are not checked (every account counts as open). */
  public InMemorySessionStore() {
    this(null);
  }

  @Override
  public synchronized boolean create(Session session) {
    if (accounts != null && !accounts.isOpen(session.email(), session.userId())) {
      return false;
    }
    if (families.putIfAbsent(session.familyId(), session) != null) {
      throw new IllegalStateException("family id reused");
    }
    return true;
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
  public synchronized boolean end(
      String email, String userId, String familyId, Instant accessTokensEnd, Instant now) {
    Session stored = families.get(familyId);
    if (stored == null || !stored.userId().equals(userId)) {
      return false;
    }
    families.remove(familyId);
    ended.values().removeIf(end -> !end.isAfter(now));
    ended.put(familyId, accessTokensEnd);
    return true;
  }

  @Override
  public synchronized boolean deleteAll(String userId, java.time.Duration budget) {
    families.values().removeIf(s -> s.userId().equals(userId));
    return true;
  }

  /** When the ended session {@code familyId}'s access tokens stop being refused; empty when it was not ended. */
  public synchronized Optional<Instant> endedUntil(String familyId) {
    return Optional.ofNullable(ended.get(familyId));
  }

  /** Replaces a stored family as it is, e.g. aged for an expiry test. */
  public synchronized void put(Session session) {
    families.put(session.familyId(), session);
  }

  public synchronized List<Session> all() {
    return List.copyOf(families.values());
  }
}
