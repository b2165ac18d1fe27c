package dev.taskapi.store;

import dev.taskapi.domain.SyncItems;
import dev.taskapi.domain.SyncToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /sync}'s pages. Without a token, the whole state: the change log's start is read first (S, {@link
 * SyncStore#fullSyncStart}: every number at or below it has its entry or its void), then the lists and tasks in
 * pages; every write that commits after that read has a sequence above S, so the changes after S, which follow,
 * hold whatever the pages missed. With a token after sequence t, the entries after t, in order, and the current
 * state of what they name. Nothing is skipped: a page never passes a number that has neither its entry nor a void,
 * and a void excludes any write with that number.
 */
public final class SyncFeed {
  private final SyncStore store;
  private final Clock clock;

  public SyncFeed(SyncStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A page and the token that continues it; {@code more}: ask again with it now. */
  public record Page(SyncItems items, SyncToken next, boolean more) {}

  public Page page(String userId, Optional<SyncToken> token, int limit) {
    if (token.isEmpty()) {
      // Taken before the counter is read: every entry after it is written later, so this bounds the token's age.
      Instant since = clock.instant();
      return snapshot(userId, new SyncToken(since, store.fullSyncStart(userId), Optional.empty()), limit);
    }
    if (token.get().snapshotAfter().isPresent()) {
      return snapshot(userId, token.get(), limit);
    }
    Instant now = clock.instant();
    SyncStore.ChangePage page = store.changes(userId, token.get().sequence(), limit);
    // Caught up: every later entry is written after now. Not yet: the entries still owed are as old as the token.
    Instant since = page.more() ? token.get().since() : now;
    return new Page(page.items(), SyncToken.changesAfter(since, page.last()), page.more());
  }

  private Page snapshot(String userId, SyncToken token, int limit) {
    SyncStore.SnapshotPage page = store.snapshot(userId, token.snapshotAfter(), limit);
    if (page.next().isPresent()) {
      return new Page(page.items(), new SyncToken(token.since(), token.sequence(), page.next()), true);
    }
    // The full read is done: the client next needs the changes after S. Whether there are any is one more read of
    // the counter, so that has_more is false only when the copy is whole.
    Instant now = clock.instant();
    boolean more = store.lastSequence(userId) > token.sequence();
    return new Page(page.items(), SyncToken.changesAfter(more ? token.since() : now, token.sequence()), more);
  }
}
