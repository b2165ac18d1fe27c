package dev.taskapi.store;

import dev.taskapi.domain.SyncItems;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.schema.ListItem;
import java.util.Optional;

/**
 * What {@code GET /sync} reads ({@link SyncFeed}): the account's change log ({@link dev.taskapi.schema.ChangeItem})
 * and the current state of what it names, and the whole state in pages. Every read is strongly consistent.
 */
public interface SyncStore {
  /** The last sequence number the user's change log has given out; 0 when none yet. */
  long lastSequence(String userId);

  /**
   * The sequence a full sync starts after: every number at or below it has its entry or its void, so no write still
   * in flight can commit at or below it (a number given out may not have its entry yet). At most {@link
   * #lastSequence}.
   */
  long fullSyncStart(String userId);

  /**
   * A page of the user's lists and then tasks, in key order, continuing after {@code after} (a position a previous
   * page returned), with at most about {@code limit} items.
   */
  SnapshotPage snapshot(String userId, Optional<String> after, int limit);

  /**
   * The lists and tasks the change-log entries after sequence {@code after} name, as they are now: whole entries in
   * sequence order, naming at most {@code limit} ids together unless the first alone names more.
   */
  ChangePage changes(String userId, long after, int limit);

  /** {@code next} is present exactly when the full read continues, after that position. */
  record SnapshotPage(SyncItems items, Optional<String> next) {}

  /** {@code last}: the last entry the page includes ({@code after} when none); {@code more}: entries may follow. */
  record ChangePage(SyncItems items, long last, boolean more) {}

  /**
   * Whether a snapshot page that read the sort keys after {@code after} up to {@code next} (empty: to the end) passed
   * the place of the default list's item: when it did without reading that item, the list was never written and the
   * page reports it as the never-written Inbox, so that a full read has every list exactly once.
   */
  static boolean passedDefaultList(String userId, Optional<String> after, Optional<String> next) {
    String key = ListItem.sortKey(TaskLists.defaultListId(userId));
    return after.map(a -> a.compareTo(key) < 0).orElse(true) && next.map(n -> n.compareTo(key) >= 0).orElse(true);
  }
}
