package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.api.JsonStreams;
import dev.taskapi.domain.Due;
import dev.taskapi.domain.ItemChange;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.Priority;
import dev.taskapi.domain.Reminder;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.TaskValues;
import dev.taskapi.store.dynamodb.StreamImages.StreamChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Stream records as Lambda hands them over (the DynamoDB Streams API Reference's Record, in a DynamodbEvent), read
 * into changes; the images are items as the seed's release and later ones wrote them.
 */
class StreamImagesTest {
  private static final String TASK_ID = "0195abcd-0000-7000-8000-000000000001";
  private static final String KEYS_OF_TASK =
      "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"TASK#" + TASK_ID + "\"}}";
  /** A task as the seed's release wrote it: no list, position, priority or version. */
  private static final String SEED_TASK = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"TASK#" + TASK_ID + "\"},"
      + "\"task_id\":{\"S\":\"" + TASK_ID + "\"},\"user_id\":{\"S\":\"u-1\"},\"title\":{\"S\":\"Write\"},"
      + "\"description\":{\"S\":\"it\"},\"completed\":{\"BOOL\":false},"
      + "\"created_at\":{\"S\":\"2025-01-02T03:04:05.678Z\"},\"updated_at\":{\"S\":\"2025-01-02T03:04:05.678Z\"}}";

  private static List<StreamChange> changes(String records) throws Exception {
    return StreamImages.changes(JsonStreams.readTree("{\"Records\":[" + records + "]}"));
  }

  private static String record(String id, String name, String keys, String oldImage, String newImage) {
    return "{\"eventID\":\"" + id + "\",\"eventName\":\"" + name + "\",\"eventVersion\":\"1.1\","
        + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",\"dynamodb\":{"
        + "\"ApproximateCreationDateTime\":1733569200.5,\"Keys\":" + keys
        + (oldImage == null ? "" : ",\"OldImage\":" + oldImage)
        + (newImage == null ? "" : ",\"NewImage\":" + newImage)
        + ",\"SequenceNumber\":\"1000" + id + "\",\"SizeBytes\":120,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}";
  }

  @Test
  void aTaskTheSeedWroteReadsWithTheDefaultsOfEveryLaterField() throws Exception {
    StreamChange change = changes(record("e1", "INSERT", KEYS_OF_TASK, null, SEED_TASK)).getFirst();

    assertEquals("e1", change.eventId());
    assertEquals("1000e1", change.sequenceNumber());
    assertEquals(Instant.ofEpochMilli(1733569200500L), change.at());
    ItemChange.OfTask task = (ItemChange.OfTask) change.change();
    assertEquals("u-1", task.userId());
    assertEquals(TASK_ID, task.taskId());
    assertEquals(Optional.empty(), task.before());
    Task after = task.after().orElseThrow();
    assertEquals("Write", after.title());
    assertEquals(TaskLists.defaultListId("u-1"), after.placement().listId());
    assertEquals(Priority.NONE, after.get(TaskFields.PRIORITY));
    assertEquals(Optional.empty(), after.get(TaskFields.DUE));
  }

  @Test
  void theEventOfATaskReadsBackAsTheTaskItsWriteAndItsRemove() throws Exception {
    Task task = Task.created(TASK_ID, Instant.parse("2026-12-08T09:00:00Z"), "u-1",
        Placement.initial("u-1", TASK_ID, Optional.empty()),
        TaskValues.absent()
            .with(TaskFields.TITLE, "Call")
            .with(TaskFields.LABELS, List.of("home", "Phone"))
            .with(TaskFields.DUE, Optional.of(new Due("2026-12-24", Optional.of("09:00"), Optional.of("Europe/Berlin"))))
            .with(TaskFields.REMINDERS, List.of(Reminder.parse(Reminder.Before.KIND, "PT15M").orElseThrow())));

    StreamChange written = StreamImages.changes(JsonStreams.readTree(StreamImages.event("INSERT", task))).getFirst();
    StreamChange removed = StreamImages.changes(JsonStreams.readTree(StreamImages.event("REMOVE", task))).getFirst();

    assertEquals(new ItemChange.OfTask("u-1", TASK_ID, Optional.empty(), Optional.of(task)), written.change());
    assertEquals(new ItemChange.OfTask("u-1", TASK_ID, Optional.of(task), Optional.empty()), removed.change());
    assertEquals(task.updatedAt(), written.at());
  }

  @Test
  void aRemoveHasOnlyTheOldImageAndAListBeingDeletedReadsAsAbsent() throws Exception {
    String listKeys = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"LIST#l-1\"}}";
    String list = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"LIST#l-1\"},\"list_id\":{\"S\":\"l-1\"},"
        + "\"user_id\":{\"S\":\"u-1\"},\"title\":{\"S\":\"Home\"},\"created_at\":{\"S\":\"2026-01-01T00:00:00Z\"},"
        + "\"updated_at\":{\"S\":\"2026-01-01T00:00:00Z\"},\"version\":{\"N\":\"1\"}";
    List<StreamChange> changes = changes(String.join(",",
        record("e1", "REMOVE", KEYS_OF_TASK, SEED_TASK, null),
        record("e2", "MODIFY", listKeys, list + "}", list + ",\"deleting\":{\"BOOL\":true}}")));

    ItemChange.OfTask removed = (ItemChange.OfTask) changes.get(0).change();
    assertTrue(removed.before().isPresent());
    assertEquals(Optional.empty(), removed.after());
    ItemChange.OfList marked = (ItemChange.OfList) changes.get(1).change();
    assertEquals(Optional.of(new TaskList("l-1", "u-1", "Home", Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:00:00Z"), 1)), marked.before());
    assertEquals(Optional.empty(), marked.after());
  }

  @Test
  void recordsOfOtherItemsAreNoChangesOfTheUsersObjects() throws Exception {
    String counter = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"SEQ\"}}";
    String webhook = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"WEBHOOK#w-1\"}}";
    String email = "{\"pk\":{\"S\":\"EMAIL#a@example.com\"},\"sk\":{\"S\":\"TASK#x\"}}";

    assertEquals(List.of(), changes(String.join(",", record("e1", "MODIFY", counter, counter, counter),
        record("e2", "INSERT", webhook, null, webhook), record("e3", "INSERT", email, null, email))));
  }

  /** One unreadable item must not hold up every later write's event for the 24 hours its record is retried. */
  @Test
  void anImageTheSchemaCannotReadIsSkippedAndTheRestOfTheBatchReads() throws Exception {
    String partial = "{\"pk\":{\"S\":\"USER#u-1\"},\"sk\":{\"S\":\"TASK#" + TASK_ID + "\"},"
        + "\"title\":{\"S\":\"no id, no owner\"}}";

    List<StreamChange> changes = changes(String.join(",", record("e1", "INSERT", KEYS_OF_TASK, null, partial),
        record("e2", "INSERT", KEYS_OF_TASK, null, SEED_TASK)));

    assertEquals(List.of("e2"), changes.stream().map(StreamChange::eventId).toList());
  }

  @Test
  void everyAttributeTypeOfDynamoDbsJsonReads() throws Exception {
    var item = StreamImages.attributes(JsonStreams.readTree("{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"1.5\"},"
        + "\"b\":{\"B\":\"AQI=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},\"ss\":{\"SS\":[\"a\",\"b\"]},"
        + "\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"AQI=\"]},\"l\":{\"L\":[{\"S\":\"y\"},{\"N\":\"2\"}]},"
        + "\"m\":{\"M\":{\"k\":{\"S\":\"v\"}}}}"));

    assertEquals("x", item.get("s").s());
    assertEquals("1.5", item.get("n").n());
    assertEquals(2, item.get("b").b().asByteArray().length);
    assertEquals(true, item.get("t").bool());
    assertEquals(true, item.get("z").nul());
    assertEquals(List.of("a", "b"), item.get("ss").ss());
    assertEquals(List.of("1", "2"), item.get("ns").ns());
    assertEquals(1, item.get("bs").bs().size());
    assertEquals("y", item.get("l").l().get(0).s());
    assertEquals("v", item.get("m").m().get("k").s());
  }
}
