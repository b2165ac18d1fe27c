package dev.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a client's {@code GET /sync} stands, as its token carries it (opaque on the wire: {@code SyncTokenCodec}).
 *
 * @param since from when the client's copy is owed every change: the change log must still hold every entry written
 *     after it. The start of the full read, or of the last page that had nothing more to tell; a token is valid for
 *     {@link dev.taskapi.schema.ChangeItem#TOKEN_LIFETIME} after it.
 * @param sequence the last change-log entry the client's copy includes (during the full read: the counter read
 *     before it began)
 * @param snapshotAfter present while the full read is under way: the last key it read (opaque outside the store)
 */
public record SyncToken(java.time.Instant since, long sequence, Optional<String> snapshotAfter) {
  public SyncToken {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(snapshotAfter, "snapshotAfter");
    if (sequence < 0) {
      throw new IllegalArgumentException("a sequence number is never negative");
    }
  }

  /** The changes after {@code sequence}. */
  public static SyncToken changesAfter(java.time.Instant since, long sequence) {
    return new SyncToken(since, sequence, Optional.empty());
  }
}
