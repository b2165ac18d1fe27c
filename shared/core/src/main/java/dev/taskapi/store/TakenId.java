package dev.taskapi.store;

import dev.taskapi.domain.ConflictException;
import java.util.Optional;

/**
 * What a create found when the id it was given is taken in the caller's partition: the item stored under it now,
 * and the fingerprint of the request that created it (empty when its id was the server's, or it was written before
 * clients could choose ids). The store reads both from its refused conditional write (ALL_OLD), with no extra read.
 */
public record TakenId<T>(T stored, Optional<String> fingerprint) {
  /**
   * The stored item when {@code requestFingerprint} is the one it was created with: the same id and content again
   * is a replay, answered with the item as it is now (edits since included). Otherwise a 409: the id names
   * something else of the caller's (another user's ids live in another partition, so they never get here).
   */
  public T replayOf(String requestFingerprint, String what) {
    if (fingerprint.filter(requestFingerprint::equals).isEmpty()) {
      throw new ConflictException(
          "This uuid already names one of your " + what + ", created with other content; choose a new uuid.");
    }
    return stored;
  }
}
