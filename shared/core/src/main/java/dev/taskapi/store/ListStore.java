package dev.taskapi.store;

import dev.taskapi.domain.TaskList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Each user's task lists. The default list ({@link dev.taskapi.domain.TaskLists}) is always there: read as
 * {@link dev.taskapi.domain.TaskLists#neverWritten} until its item is written. A list being deleted reads as
 * absent.
 */
public interface ListStore {
  /**
   * Stores a new list (never the default one), only while its owner's account, registered under {@code
   * ownerEmail}, exists and is not being deleted, and while the account has fewer than {@link
   * dev.taskapi.domain.TaskLists#MAX_PER_ACCOUNT} other lists, in one atomic write.
   *
   * @throws dev.taskapi.domain.NotFoundException when the account is gone or being deleted: nothing is stored
   * @throws dev.taskapi.domain.ConflictException when the account has its limit of lists: nothing is stored
   */
  default void create(TaskList list, String ownerEmail) {
    create(list, Optional.empty(), ownerEmail);
  }

  /**
   * As {@link #create(TaskList, String)}, storing {@code fingerprint} with the list (the create request's, when the
   * client chose its id); when the id is taken in the owner's partition (checked before the limit, so a replay is
   * recognised at the limit too), answers what holds it, nothing written. A list being deleted holds its id with no
   * fingerprint: a 409, never a replay. Empty when the list was stored.
   */
  Optional<TakenId<TaskList>> create(TaskList list, Optional<String> fingerprint, String ownerEmail);

  /** The user's lists: the default one first, then the others in creation order; none being deleted. */
  List<TaskList> all(String userId);

  /** The user's list, read strongly consistently; empty when absent, someone else's or being deleted. */
  Optional<TaskList> find(String userId, String listId);

  /**
   * Sets the list's title at {@code now} and increments its version, in one conditional write, and returns the list
   * as stored; with {@code requiredVersion}, only if the stored version is still that one (the never-written
   * default list is at version 0). The default list's first write creates its item, keyed by its one id. Empty
   * when the user has no such list (or it is being deleted).
   *
   * @throws dev.taskapi.domain.PreconditionFailedException when the stored version is not {@code requiredVersion}
   */
  Optional<TaskList> rename(String userId, String listId, String title, Optional<Long> requiredVersion, Instant now);

  /**
   * Deletes a list that is not the default one and every task in it: marks the list as being deleted (from then
   * on it reads as absent and takes no new task), deletes its tasks a page at a time until none is left or {@code
   * budget} is spent, then the list. A repeated call continues where the last one stopped.
   */
  Deletion delete(String userId, String listId, Duration budget);

  /** How far a {@link #delete} got. */
  enum Deletion {
    /** The list and all its tasks are gone. */
    DELETED,
    /** The user has no such list (absent, someone else's, or deleted already). */
    NOT_FOUND,
    /** The list is being deleted and some of its tasks remain: call again to continue. */
    UNFINISHED
  }
}
