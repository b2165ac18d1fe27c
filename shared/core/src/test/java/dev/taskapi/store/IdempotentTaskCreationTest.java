package dev.taskapi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.Due;
import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.domain.Priority;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskValues;
import dev.taskapi.domain.UnprocessableContentException;
import dev.taskapi.testing.InMemoryIdempotencyStore;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotentTaskCreationTest {
  private static final String USER = "user-1";
  private static final String EMAIL = "user-1@example.com";
  private static final Instant NOW = TestCrypto.NOW;

  private final InMemoryTaskStore tasks = new InMemoryTaskStore();
  private final InMemoryIdempotencyStore records = new InMemoryIdempotencyStore();
  private final IdempotentTaskCreation creation = new IdempotentTaskCreation(tasks, records);
  private final TaskIds ids = new TaskIds();

  private Task fresh(String title) {
    return TestTasks.task(ids.next(NOW.toEpochMilli()).toString(), USER, title, "");
  }

  @Test
  void aRequestThatCrashedAfterItsClaimIsFinishedByItsRetry() {
    Task chosen = fresh("t");
    records.put(new IdempotentRequest(USER, "k", "hash", chosen.id(), false, NOW.plusSeconds(60)));

    IdempotentTaskCreation.Outcome retry = creation.create("k", "hash", fresh("t"), EMAIL, NOW);

    assertEquals(new IdempotentTaskCreation.Outcome(chosen, true), retry);
    assertEquals(List.of(chosen), tasks.tasksOf(USER));
    assertTrue(records.find(USER, "k", NOW).orElseThrow().completed());
  }

  @Test
  void aCompletedRecordAnswersWithoutWritingSoADeletedTaskStaysDeleted() {
    Task original = creation.create("k", "hash", fresh("t"), EMAIL, NOW).task();
    tasks.delete(USER, original.id());

    assertEquals(original, creation.create("k", "hash", fresh("t"), EMAIL, NOW.plusSeconds(5)).task());
    assertTrue(tasks.tasksOf(USER).isEmpty());
  }

  @Test
  void aReplayAnswersEveryFieldOfTheRequestNotJustTheSeeds() {
    // The replay rebuilds the task from the retry's own values; before fields were defined once it rebuilt it from
    // the title and description alone, and a field added later was silently dropped from the answer.
    TaskValues values = TestTasks.values("t", "d")
        .with(TaskFields.DUE, Optional.of(new Due("2026-12-24", Optional.empty(), Optional.empty())))
        .with(TaskFields.PRIORITY, Priority.HIGH)
        .with(TaskFields.LABELS, List.of("Work"));
    Task first = creation.create("k", "hash", Task.created(ids.next(NOW.toEpochMilli()).toString(), USER, Optional.empty(), values),
        EMAIL, NOW).task();

    IdempotentTaskCreation.Outcome retry = creation.create(
        "k", "hash", Task.created(ids.next(NOW.toEpochMilli()).toString(), USER, Optional.empty(), values), EMAIL, NOW.plusSeconds(1));

    assertEquals(new IdempotentTaskCreation.Outcome(first, true), retry);
  }

  @Test
  void anotherBodyUnderTheKeyIsRefused() {
    creation.create("k", "hash", fresh("t"), EMAIL, NOW);
    assertThrows(UnprocessableContentException.class, () -> creation.create("k", "other", fresh("u"), EMAIL, NOW));
    assertEquals(1, tasks.tasksOf(USER).size());
  }

  @Test
  void after24HoursTheKeyIsFreeAgain() {
    Task first = creation.create("k", "hash", fresh("t"), EMAIL, NOW).task();
    Instant later = NOW.plus(IdempotentTaskCreation.RETENTION);

    IdempotentTaskCreation.Outcome second = creation.create("k", "other", fresh("u"), EMAIL, later);

    assertFalse(second.replayed());
    assertEquals(List.of(second.task(), first), tasks.tasksOf(USER));
  }
}
