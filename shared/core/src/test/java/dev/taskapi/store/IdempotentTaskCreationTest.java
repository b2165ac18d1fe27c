package dev.taskapi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.NewTaskRequest;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.Due;
import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.domain.Priority;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotentTaskCreationTest {
  private static final String USER = "user-1";
  private static final String EMAIL = "user-1@example.com";
  private static final Optional<String> NO_CLIENT_ID = Optional.empty();
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

    IdempotentTaskCreation.Outcome retry = creation.create("k", "hash", fresh("t"), NO_CLIENT_ID, EMAIL, NOW);

    assertEquals(new IdempotentTaskCreation.Outcome(chosen, true), retry);
    assertEquals(List.of(chosen), tasks.tasksOf(USER));
    assertTrue(records.find(USER, "k", NOW).orElseThrow().completed());
  }

  @Test
  void aCompletedRecordAnswersWithoutWritingSoADeletedTaskStaysDeleted() {
    Task original = creation.create("k", "hash", fresh("t"), NO_CLIENT_ID, EMAIL, NOW).task();
    tasks.delete(USER, original.id());

    assertEquals(original, creation.create("k", "hash", fresh("t"), NO_CLIENT_ID, EMAIL, NOW.plusSeconds(5)).task());
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
        NO_CLIENT_ID, EMAIL, NOW).task();

    IdempotentTaskCreation.Outcome retry = creation.create(
        "k", "hash", Task.created(ids.next(NOW.toEpochMilli()).toString(), USER, Optional.empty(), values), NO_CLIENT_ID, EMAIL, NOW.plusSeconds(1));

    assertEquals(new IdempotentTaskCreation.Outcome(first, true), retry);
  }

  @Test
  void anotherBodyUnderTheKeyIsRefused() {
    creation.create("k", "hash", fresh("t"), NO_CLIENT_ID, EMAIL, NOW);
    assertThrows(UnprocessableContentException.class, () -> creation.create("k", "other", fresh("u"), NO_CLIENT_ID, EMAIL, NOW));
    assertEquals(1, tasks.tasksOf(USER).size());
  }

  @Test
  void after24HoursTheKeyIsFreeAgain() {
    Task first = creation.create("k", "hash", fresh("t"), NO_CLIENT_ID, EMAIL, NOW).task();
    Instant later = NOW.plus(IdempotentTaskCreation.RETENTION);

    IdempotentTaskCreation.Outcome second = creation.create("k", "other", fresh("u"), NO_CLIENT_ID, EMAIL, later);

    assertFalse(second.replayed());
    assertEquals(List.of(second.task(), first), tasks.tasksOf(USER));
  }

  @Test
  void theSameClientIdAndContentAgainIsAReplayAnsweredWithTheTaskAsItIsNow() {
    NewTaskRequest draft = request("{\"uuid\": \"" + CLIENT_ID.toUpperCase() + "\", \"title\": \"t\"}");
    IdempotentTaskCreation.Outcome first = creation.create(fromClient(draft, NOW), draft.clientFingerprint(), EMAIL);
    assertEquals(new IdempotentTaskCreation.Outcome(fromClient(draft, NOW), false), first);
    assertEquals(CLIENT_ID, first.task().id(), "in lower case");
    assertEquals(NOW, first.task().createdAt(), "the server's clock: a client's id carries no creation time");
    Task edited =
        tasks.update(USER, CLIENT_ID, TaskChanges.none().set(TaskFields.COMPLETED, true), Optional.empty(),
            NOW.plusSeconds(1)).orElseThrow();

    IdempotentTaskCreation.Outcome replay =
        creation.create(fromClient(draft, NOW.plusSeconds(2)), draft.clientFingerprint(), EMAIL);

    assertEquals(new IdempotentTaskCreation.Outcome(edited, true), replay);
    assertEquals(List.of(edited), tasks.tasksOf(USER));
  }

  @Test
  void theSameClientIdWithOtherContentIsAConflictAndChangesNothing() {
    NewTaskRequest draft = request("{\"uuid\": \"" + CLIENT_ID + "\", \"title\": \"t\"}");
    Task first = creation.create(fromClient(draft, NOW), draft.clientFingerprint(), EMAIL).task();
    NewTaskRequest other = request("{\"uuid\": \"" + CLIENT_ID + "\", \"title\": \"t\", \"priority\": \"high\"}");

    assertThrows(
        ConflictException.class, () -> creation.create(fromClient(other, NOW), other.clientFingerprint(), EMAIL));
    assertEquals(List.of(first), tasks.tasksOf(USER));
  }

  @Test
  void anIdempotencyKeyWithAClientIdReplaysTheOriginalTaskWritingNothingAndRefusesTheKeyWithAnotherId() {
    NewTaskRequest draft = request("{\"uuid\": \"" + CLIENT_ID + "\", \"title\": \"t\"}");
    Task first =
        creation.create("k", draft.fingerprint(), fromClient(draft, NOW), draft.clientFingerprint(), EMAIL, NOW).task();
    tasks.delete(USER, CLIENT_ID);

    IdempotentTaskCreation.Outcome retry =
        creation.create(
            "k", draft.fingerprint(), fromClient(draft, NOW.plusSeconds(2)), draft.clientFingerprint(), EMAIL,
            NOW.plusSeconds(2));
    NewTaskRequest otherId = request("{\"uuid\": \"" + UUID.randomUUID() + "\", \"title\": \"t\"}");

    assertEquals(NOW, first.createdAt());
    assertEquals(new IdempotentTaskCreation.Outcome(first, true), retry, "as a key's retry: the original 201");
    assertEquals(List.of(), tasks.tasksOf(USER), "the deleted task stays deleted");
    assertThrows(
        UnprocessableContentException.class,
        () -> creation.create(
            "k", otherId.fingerprint(), fromClient(otherId, NOW), otherId.clientFingerprint(), EMAIL, NOW));
    assertEquals(List.of(), tasks.tasksOf(USER));
  }

  @Test
  void aKeyWithAClientIdWhoseFirstAttemptStoppedBeforeThePutIsFinishedAtTheOriginalCreationTime() {
    NewTaskRequest draft = request("{\"uuid\": \"" + CLIENT_ID + "\", \"title\": \"t\"}");
    records.put(new IdempotentRequest(USER, "k", draft.fingerprint(), CLIENT_ID, NOW, false, NOW.plusSeconds(60)));

    IdempotentTaskCreation.Outcome retry =
        creation.create(
            "k", draft.fingerprint(), fromClient(draft, NOW.plusSeconds(5)), draft.clientFingerprint(), EMAIL,
            NOW.plusSeconds(5));

    assertEquals(new IdempotentTaskCreation.Outcome(fromClient(draft, NOW), true), retry);
    assertEquals(List.of(fromClient(draft, NOW)), tasks.tasksOf(USER));
    assertTrue(records.find(USER, "k", NOW).orElseThrow().completed());
  }

  private static final String CLIENT_ID = "6f1c9a3e-4b2d-4c8e-9f00-1a2b3c4d5e6f";

  private Task fromClient(NewTaskRequest draft, Instant now) {
    return draft.task(ids.next(now.toEpochMilli()).toString(), now, USER, Optional.empty());
  }

  private static NewTaskRequest request(String json) {
    try {
      return NewTaskRequest.parse((ObjectNode) new ObjectMapper().readTree(json));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
