package dev.taskapi.store;

import dev.taskapi.domain.Move;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskPage;
import dev.taskapi.domain.TaskQuery;
import java.time.Instant;
import java.util.Optional;

/**
 * Each user's tasks, keyed by id: a UUIDv7 the server chose, or any UUID the client chose, so ids are creation
 * order only for the server's ({@link #query} orders by creation time). Every call is one DynamoDB request, except
 * {@link #query}, which reads as many pages as its query needs, within a bound.
 */
public interface TaskStore {
  /**
   * Stores a new task; returns only once the write is durable. Never overwrites: false when a task with this id
   * is already stored (an idempotent retry storing the same task again). Stored only while its owner's account,
   * registered under {@code ownerEmail}, exists and is not being deleted, in the same atomic write, so a token
   * that outlives its account cannot leave a task behind; and, in a list other than the owner's default one (which
   * always exists), only while that list exists and is not being deleted, in the same write.
   *
   * @throws dev.taskapi.domain.NotFoundException when the account is gone or being deleted, or the list is absent
   *     or being deleted ({@link dev.taskapi.domain.NotFoundException#noSuchList}): nothing is stored
   */
  default boolean create(Task task, String ownerEmail) {
    return create(task, Optional.empty(), ownerEmail).isEmpty();
  }

  /**
   * As {@link #create(Task, String)}, storing {@code fingerprint} with the task (the create request's, when the
   * client chose its id), and, when the id is taken in the owner's partition, answering what holds it instead of
   * false: checked before the list and the parent, so a replay is recognised even when they have gone since.
   * Empty when the task was stored.
   */
  Optional<TakenId<Task>> create(Task task, Optional<String> fingerprint, String ownerEmail);

  /**
   * Moves the user's task: into {@code move}'s list (conditional, as a create, on that list existing) under its
   * parent, at a new fractional position next to the neighbours {@code move} names, read from the by-position
   * order, with {@code changes} applied at {@code now} in the same write; the version increments. Its sub-tasks go
   * with it (to the list, at their new depths, each one version later) in the same atomic write, which also counts
   * the task on its new parent; no other task is written. With {@code requiredVersion}, only if the stored version
   * is still that one. Empty when the user has no such task.
   *
   * @throws dev.taskapi.domain.NotFoundException when the target list, the new parent, or the task named to go
   *     after, is absent
   * @throws dev.taskapi.domain.InvalidRequestException when the task named to go after is in another list or under
   *     another parent, the new parent is in another list than the one named, or the subtree would nest too deep
   * @throws dev.taskapi.domain.ConflictException when the new parent is the task or one of its sub-tasks, or the
   *     subtree has more than {@link dev.taskapi.domain.Move#MAX_SUBTREE_TASKS} tasks to rewrite
   * @throws dev.taskapi.domain.PreconditionFailedException when the stored version is not {@code requiredVersion}
   */
  Optional<Task> move(
      String userId, String taskId, Move move, TaskChanges changes, Optional<Long> requiredVersion, Instant now);

  /**
   * Up to {@code limit} of the user's tasks, newest id first (creation order for the server's ids), starting after
   * {@code afterTaskId} when present; only those whose completed state is {@code completed} when that is present.
   * {@code GET /tasks} calls it for {@code completed} alone; creation order whatever the ids is {@link #query}'s. {@link TaskPage#lastTaskId()} is
   * present exactly when more tasks may follow.
   */
  TaskPage list(String userId, Optional<Boolean> completed, int limit, Optional<String> afterTaskId);

  /**
   * Up to {@code limit} of the user's tasks that match {@code query}, in its order, strictly after
   * {@code afterPosition} (a {@link TaskQuery.Page#next()} this store returned for the same query) when present.
   * A page may be shorter than {@code limit}, even empty, when the store ran out of its read budget before it found
   * enough tasks; {@link TaskQuery.Page#next()} is present exactly when more matching tasks may follow.
   *
   * @throws dev.taskapi.domain.UnprocessableContentException when the order needs more tasks sorted than the
   *     store sorts in one request
   */
  TaskQuery.Page query(String userId, TaskQuery query, int limit, Optional<String> afterPosition);

  /** The user's task, read strongly consistently; empty when absent or someone else's. */
  Optional<Task> find(String userId, String taskId);

  /**
   * Applies {@code changes} to the user's task at {@code now} and increments its version, in one conditional
   * write, and returns the task as stored. With {@code requiredVersion}, the write happens only if the stored
   * version is still that one. Empty when the user has no such task.
   *
   * @throws dev.taskapi.domain.PreconditionFailedException when the stored version is not {@code requiredVersion}
   */
  Optional<Task> update(String userId, String taskId, TaskChanges changes, Optional<Long> requiredVersion, Instant now);

  /**
   * Deletes the user's tasks, a page at a time, until none is left or {@code budget} is spent.
   *
   * @return true when the user has no tasks left
   */
  boolean deleteAll(String userId, java.time.Duration budget);

  /** Deletes the user's task; false when the user has no task with that id (absent, or someone else's). */
  boolean delete(String userId, String taskId);
}
