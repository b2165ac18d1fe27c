package dev.taskapi.store;

import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskPositions;
import dev.taskapi.domain.UnprocessableContentException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Creates a task at most once per Idempotency-Key, without transactions (dynalite has none), and safe against a
 * crash at any step: (1) conditionally put a pending record holding the request's fingerprint and the id of the
 * task to create; (2) put the task, conditional on its id being new; (3) mark the record complete. Whoever finds
 * the key taken gets the record that holds it with the refusal: another fingerprint is a 422; the same fingerprint means the same fields, so the retry's own body with the recorded id (and the creation time that id carries) is the
 * task: a pending record has it put again (the same id, so still one task) and completed; a complete one is
 * answered as it is. Concurrent retries thus all answer the one task, and the record holds no task text.
 *
 * <p>A task whose id the client chose ({@code uuid}) is created at most once per id as well, key or no key: the
 * task's conditional put is refused when the id is taken, with the item holding it, whose stored fingerprint tells a
 * replay (answered with the task as it is now) from another task under the same id (409). With a key too, the key's
 * fingerprint includes the id, so a key reused with another id is a 422, and the key's rules hold as without an id:
 * a retry under a completed key answers the original task without writing (the record keeps its creation time,
 * which a client's id does not carry), so a task deleted since stays deleted.
 */
public final class IdempotentTaskCreation {
  /** How long a key is remembered; after that the same key creates a new task. */
  public static final Duration RETENTION = Duration.ofHours(24);

  private final TaskStore tasks;
  private final IdempotencyStore records;

  public IdempotentTaskCreation(TaskStore tasks, IdempotencyStore records) {
    this.tasks = tasks;
    this.records = records;
  }

  /** The task created under {@code key}, and whether it was created by an earlier request. */
  public record Outcome(Task task, boolean replayed) {}

  /**
   * Without a key: stores {@code fresh}. {@code clientFingerprint} is the request's fingerprint when the client chose
   * the id (empty: the server did); then a taken id is a replay or a 409 ({@link TakenId#replayOf}). A server's id
   * is a fresh UUIDv7, so finding it taken means the SDK retried a put that had landed: this task either way.
   */
  public Outcome create(Task fresh, Optional<String> clientFingerprint, String ownerEmail) {
    Optional<TakenId<Task>> taken = tasks.create(fresh, clientFingerprint, ownerEmail);
    if (taken.isEmpty() || clientFingerprint.isEmpty()) {
      return new Outcome(fresh, false);
    }
    return new Outcome(taken.get().replayOf(clientFingerprint.get(), "tasks"), true);
  }

  /**
   * As {@link TaskStore#create}: only while the account registered under {@code ownerEmail} exists. {@code
   * requestHash} is the request's whole fingerprint, {@code clientFingerprint} as in {@link #create(Task, Optional,
   * String)}.
   */
  public Outcome create(
      String key, String requestHash, Task fresh, Optional<String> clientFingerprint, String ownerEmail,
      Instant now) {
    IdempotentRequest pending =
        new IdempotentRequest(
            fresh.userId(), key, requestHash, fresh.id(), fresh.createdAt(), false, now.plus(RETENTION));
    Optional<IdempotentRequest> holder = records.claim(pending, now);
    if (holder.isEmpty()) {
      Outcome outcome = create(fresh, clientFingerprint, ownerEmail);
      records.complete(pending.userId(), pending.key());
      return outcome;
    }
    IdempotentRequest earlier = holder.get();
    if (!earlier.requestHash().equals(requestHash)) {
      throw new UnprocessableContentException(
          "This Idempotency-Key was used with a different request body; use a new key for a new task.");
    }
    // The same fingerprint: the same fields, list and client id, so the retry's own values under the recorded id
    // and creation time are the task (its position is the one they give).
    Placement placement = fresh.placement();
    Instant createdAt = earlier.taskCreatedAt();
    Task task =
        Task.created(
            earlier.taskId(),
            createdAt,
            fresh.userId(),
            placement.movedTo(placement.listId(), TaskPositions.initial(createdAt.toEpochMilli(), earlier.taskId())),
            fresh.values());
    if (earlier.completed()) {
      return new Outcome(task, true);
    }
    // The first attempt stopped before it completed: store the task (a taken id is this very task, or, for a
    // client's id, answers as a create without a key would), then complete.
    Outcome stored = create(task, clientFingerprint, ownerEmail);
    records.complete(earlier.userId(), earlier.key());
    return new Outcome(stored.task(), true);
  }
}
