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

  /** As {@link TaskStore#create}: only while the account registered under {@code ownerEmail} exists. */
  public Outcome create(String key, String requestHash, Task fresh, String ownerEmail, Instant now) {
    IdempotentRequest pending =
        new IdempotentRequest(fresh.userId(), key, requestHash, fresh.id(), false, now.plus(RETENTION));
    Optional<IdempotentRequest> holder = records.claim(pending, now);
    if (holder.isEmpty()) {
      store(fresh, ownerEmail, pending);
      return new Outcome(fresh, false);
    }
    IdempotentRequest earlier = holder.get();
    if (!earlier.requestHash().equals(requestHash)) {
      throw new UnprocessableContentException(
          "This Idempotency-Key was used with a different request body; use a new key for a new task.");
    }
    // The same fingerprint: the same fields and list, so the retry's own values under the recorded id are the task
    // (its position is the one that id gives).
    Placement placement = fresh.placement();
    Task task =
        Task.created(
            earlier.taskId(),
            fresh.userId(),
            placement.movedTo(placement.listId(), TaskPositions.initial(earlier.taskId())),
            fresh.values());
    if (!earlier.completed()) {
      store(task, ownerEmail, earlier);
    }
    return new Outcome(task, true);
  }

  private void store(Task task, String ownerEmail, IdempotentRequest request) {
    tasks.create(task, ownerEmail); // false when an earlier attempt stored it: the same task either way
    records.complete(request.userId(), request.key());
  }
}
