package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.domain.Due;
import dev.taskapi.domain.Reminder;
import dev.taskapi.domain.ReminderSchedule;
import dev.taskapi.domain.Priority;
import dev.taskapi.domain.Recurrence;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.domain.TaskValues;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.TaskStore;
import dev.taskapi.testing.TaskStoreContract;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table written by the code before issue 22 (the items it really wrote, captured in
 * {@code upgrade/tasks-before-issue-22.json}; see the README beside it) read and changed by today's store: the
 * fields those items lack read as their absent values (no due, priority none, no labels, no completed_at), and a
 * PATCH or a completion works on them, version and index key included.
 */
class UpgradeFromBeforeIssue22Test {
  private final DynamoDbClient client = TestTable.client();
  private final TaskStore tasks = new DynamoDbTaskStore(client, TestTable.NAME);
  /** The captured items under an owner of this test's own, so runs and other tests never share them. */
  private final String owner = UUID.randomUUID().toString();
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void putTheOldItems() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/upgrade/tasks-before-issue-22.json")) {
      for (JsonNode item : new ObjectMapper().readTree(in)) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.fields().forEachRemaining(member -> attributes.put(member.getKey(), attribute(member.getValue())));
        attributes.put("pk", AttributeValue.fromS(TaskItem.partitionKey(owner)));
        attributes.put(TaskItem.USER_ID, AttributeValue.fromS(owner));
        client.putItem(r -> r.tableName(TestTable.NAME).item(attributes));
        ids.add(attributes.get(TaskItem.TASK_ID).s());
      }
    }
  }

  private static AttributeValue attribute(JsonNode typed) {
    Map.Entry<String, JsonNode> value = typed.fields().next();
    return switch (value.getKey()) {
      case "S" -> AttributeValue.fromS(value.getValue().textValue());
      case "N" -> AttributeValue.fromN(value.getValue().textValue());
      case "BOOL" -> AttributeValue.fromBool(value.getValue().booleanValue());
      default -> throw new IllegalArgumentException("the old code wrote no " + value.getKey());
    };
  }

  private Task task(int index) {
    return tasks.find(owner, ids.get(index)).orElseThrow();
  }

  @Test
  void oldItemsReadWithTheirOwnValuesAndEveryNewFieldAbsent() {
    Task open = task(0);
    Task done = task(1);
    Task edited = task(2);

    assertEquals(
        TaskValues.absent().with(TaskFields.TITLE, "Open task").with(TaskFields.DESCRIPTION, "never edited"),
        open.values());
    assertEquals(1, open.version());
    assertEquals(Instant.parse("2026-12-01T09:00:00.123Z"), open.createdAt());
    assertEquals(
        TaskValues.absent().with(TaskFields.TITLE, "Done task").with(TaskFields.COMPLETED, true), done.values(),
        "completed before completed_at existed: none");
    assertEquals(2, done.version());
    assertEquals("Edited task, renamed", edited.title());
    assertEquals(4, edited.version());
    assertEquals(Instant.parse("2026-12-01T09:04:00.123Z"), edited.updatedAt());
    assertEquals(List.of(edited, done, open), tasks.list(owner, Optional.empty(), 10, Optional.empty()).tasks());
    assertEquals(List.of(done), tasks.list(owner, Optional.of(true), 10, Optional.empty()).tasks());
  }

  @Test
  void anOldItemHasNoRemindersAndTakesThemAndTheScheduleSeesThem() {
    assertEquals(List.of(), task(2).get(TaskFields.REMINDERS), "written before reminders: none");
    Reminder.At at = new Reminder.At("2027-03-26T08:00:00Z", Instant.parse("2027-03-26T08:00:00Z"));

    Task reminded = tasks.update(owner, ids.get(2), TaskChanges.none().set(TaskFields.REMINDERS, List.of(at)),
        Optional.empty(), Instant.parse("2026-12-10T12:00:00Z")).orElseThrow();

    assertEquals(List.of(at), tasks.find(owner, ids.get(2)).orElseThrow().get(TaskFields.REMINDERS));
    assertEquals(java.util.Set.of(new ReminderSchedule(owner, ids.get(2), at, at.at())),
        ReminderSchedule.of(Optional.of(reminded)));
  }

  @Test
  void anOldItemBecomesRecurringAndItsCompletionAdvancesIt() {
    Instant now = Instant.parse("2026-12-10T12:00:00Z");
    assertEquals(Optional.empty(), task(2).get(TaskFields.RECURRENCE), "written before recurrence: none");
    assertEquals(Optional.empty(), task(2).get(TaskFields.LAST_COMPLETED_AT));

    Task recurring = tasks.update(owner, ids.get(2), TaskChanges.none()
        .set(TaskFields.DUE, Optional.of(new Due("2027-03-26", Optional.empty(), Optional.empty())))
        .set(TaskFields.RECURRENCE, Optional.of(new Recurrence("FREQ=MONTHLY", Recurrence.From.DUE, 0))),
        Optional.of(4L), now).orElseThrow();
    Task advanced = tasks.update(owner, ids.get(2), TaskChanges.none().set(TaskFields.COMPLETED, true),
        Optional.of(5L), now).orElseThrow();

    assertEquals(Optional.of(new Due("2027-04-26", Optional.empty(), Optional.empty())), advanced.get(TaskFields.DUE));
    assertFalse(advanced.completed());
    assertEquals(Optional.of(now), advanced.get(TaskFields.LAST_COMPLETED_AT));
    assertEquals(6, advanced.version());
    assertEquals("Edited task, renamed", advanced.title());
    assertEquals(recurring.get(TaskFields.RECURRENCE).map(Recurrence::completedOnce), advanced.get(TaskFields.RECURRENCE));
    assertEquals(advanced, task(2), "as stored");
  }

  @Test
  void oldItemsTakeTheNewFieldsAndCompletionsWithTheirVersions() {
    Instant now = Instant.parse("2026-12-10T12:00:00Z");
    Due due = new Due("2027-03-28", Optional.of("09:00"), Optional.of("Europe/Berlin"));

    Task planned = tasks.update(owner, ids.get(0), TaskChanges.none()
        .set(TaskFields.DUE, Optional.of(due))
        .set(TaskFields.PRIORITY, Priority.HIGH)
        .set(TaskFields.LABELS, List.of("Work")), Optional.of(1L), now).orElseThrow();
    Task completed = tasks.update(owner, ids.get(2), TaskChanges.none().set(TaskFields.COMPLETED, true),
        Optional.of(4L), now).orElseThrow();
    Task reopened = tasks.update(owner, ids.get(1), TaskChanges.none().set(TaskFields.COMPLETED, false),
        Optional.of(2L), now).orElseThrow();

    assertEquals(Optional.of(due), planned.get(TaskFields.DUE));
    assertEquals(Priority.HIGH, planned.get(TaskFields.PRIORITY));
    assertEquals(List.of("Work"), planned.get(TaskFields.LABELS));
    assertEquals(2, planned.version());
    assertEquals("never edited", planned.description());
    assertEquals(Optional.of(now), completed.get(TaskFields.COMPLETED_AT));
    assertEquals(5, completed.version());
    assertFalse(reopened.completed());
    assertEquals(Optional.empty(), reopened.get(TaskFields.COMPLETED_AT));
    assertEquals(planned, task(0), "as stored");
    assertEquals(reopened, task(1));
    assertEquals(completed, task(2));
    assertEquals(List.of(completed), tasks.list(owner, Optional.of(true), 10, Optional.empty()).tasks(),
        "the index key moved with the completion");
    assertEquals(
        List.of(ids.get(0), ids.get(1), ids.get(2)).stream().map(id -> "TASK#" + id).toList(),
        byPosition(),
        "each edited old item entered the by-position index at the position its id gives: oldest first");
    assertEquals(
        List.of(ids.get(0), ids.get(1), ids.get(2)).stream().map(id -> "TASK#" + id).toList(),
        byIndex(TaskItem.BY_CREATED),
        "and the by-created index at the creation time its id gives (if_not_exists: no read)");
  }

  @Test
  void oldItemsAreNotInTheByPositionNorTheByCreatedIndexUntilWritten() {
    assertEquals(List.of(), byPosition());
    assertEquals(List.of(), byIndex(TaskItem.BY_CREATED));
  }

  /** The upgrade's backfill, every page. */
  private void backfill() {
    DynamoDbTaskStore store = new DynamoDbTaskStore(client, TestTable.NAME);
    Optional<String> cursor = Optional.empty();
    do {
      cursor = store.backfillPositionKeys(cursor, 1000).next();
    } while (cursor.isPresent());
  }

  @Test
  void theBackfillPagesThroughTheTableAndGivesEachOldTaskItsKeyChangingNothingElse() {
    List<Map<String, AttributeValue>> before = ids.stream().map(this::raw).toList();
    DynamoDbTaskStore store = new DynamoDbTaskStore(client, TestTable.NAME);

    int pages = 0;
    int written = 0;
    Optional<String> cursor = Optional.empty();
    do {
      PositionKeyBackfill page = store.backfillPositionKeys(cursor, 2);
      assertTrue(page.read() <= 2, "a page reads at most its limit");
      written += page.written();
      cursor = page.next();
      pages++;
    } while (cursor.isPresent());

    assertTrue(pages > 1, "the old items and the owner's other items take more than one page of 2: " + pages);
    assertTrue(written >= ids.size(), written + " written");
    assertEquals(ids.stream().map(id -> "TASK#" + id).toList(), byPosition(), "every old task, oldest first");
    assertEquals(ids.stream().map(id -> "TASK#" + id).toList(), byIndex(TaskItem.BY_CREATED), "in creation order");
    for (int i = 0; i < ids.size(); i++) {
      Map<String, AttributeValue> after = new LinkedHashMap<>(raw(ids.get(i)));
      Task task = task(i);
      assertEquals(AttributeValue.fromS(TaskSchema.positionSortKey(task)), after.remove(TaskItem.POSITION_SK),
          "the key the schema computes from the item");
      assertEquals(AttributeValue.fromS(TaskSchema.createdSortKey(task)), after.remove(TaskItem.CREATED_SK),
          "its creation key, from its created_at");
      assertEquals(before.get(i), after, "nothing else changed: version, updated_at and every field as they were");
    }
    assertEquals(0, store.backfillPositionKeys(Optional.empty(), 1000).written(), "a rerun finds nothing to do");
  }

  @Test
  void theBackfillNeverOverwritesAKeyAConcurrentWriteSetNorBringsBackADeletedTask() {
    DynamoDbTaskStore store = new DynamoDbTaskStore(client, TestTable.NAME);
    Map<String, AttributeValue> moved = raw(ids.get(0));
    Map<String, AttributeValue> deleted = raw(ids.get(1));
    String movedKey = TaskItem.positionSortKey("another-list", "", "a0", ids.get(0));
    client.updateItem(r -> r.tableName(TestTable.NAME).key(keyOf(moved))
        .updateExpression("SET position_sk = :moved")
        .expressionAttributeValues(Map.of(":moved", AttributeValue.fromS(movedKey))));
    assertTrue(tasks.delete(owner, ids.get(1)));

    assertEquals(1, store.writePositionKeys(List.of(moved, deleted)), "both as a Scan read them before the writes");

    assertEquals(movedKey, raw(ids.get(0)).get(TaskItem.POSITION_SK).s(), "the concurrent write's key stays");
    assertEquals(TaskSchema.createdSortKey(task(0)), raw(ids.get(0)).get(TaskItem.CREATED_SK).s(),
        "the key it lacked is written beside it");
    assertEquals(Map.of(), raw(ids.get(1)), "the deleted task stays deleted");
  }

  private Map<String, AttributeValue> raw(String taskId) {
    return client.getItem(r -> r.tableName(TestTable.NAME).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(TaskItem.partitionKey(owner)),
            "sk", AttributeValue.fromS(TaskItem.SORT_PREFIX + taskId)))).item();
  }

  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
  }

  @Test
  void oldItemsFilterAndSortAsTheirAbsentValues() {
    String inbox = TaskLists.defaultListId(owner);
    assertEquals(List.of(), query("list_id", inbox), "in position order only once written (any edit)");
    assertEquals(List.of(), query("priority", "none"), "in creation order too (by-created)");
    tasks.update(owner, ids.get(1), TaskChanges.none().set(TaskFields.TITLE, "Done task"), Optional.empty(), Instant.now());
    assertEquals(List.of(ids.get(1)), query("list_id", inbox));
    assertEquals(List.of(ids.get(1)), query("priority", "none"));

    // Or once backfilled: the upgrade does it before the new listing function serves (template.yaml:
    // ListTasksFunction DependsOn TaskIndexBackfill).
    backfill();
    assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), query("priority", "none"), "priority none");
    assertEquals(List.of(), query("label", "work"));
    assertEquals(List.of(), query("due_before", "2999-01-01"), "no due matches no due filter");
    assertEquals(List.of(), query("due_after", "1970-01-01"));
    assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2)), query("sort", "due"), "no due: after every due, by id");
    assertEquals(List.of(ids.get(0), ids.get(2), ids.get(1)), query("sort", "updated"), "the edited one last");
    assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), query("list_id", inbox, "sort", "-created"), "in the Inbox");
    assertEquals(List.of(ids.get(1)), query("completed", "true", "q", "DONE"));
  }

  private List<String> query(String... parameters) {
    TaskQuery query = TaskStoreContract.query(parameters);
    return tasks.query(owner, query, 100, Optional.empty()).tasks().stream().map(Task::id).toList();
  }

  /** The sort keys of the owner's items in the by-position index, in its order. */
  private List<String> byPosition() {
    return byIndex(TaskItem.BY_POSITION);
  }

  private List<String> byIndex(String index) {
    return client.query(r -> r.tableName(TestTable.NAME).indexName(index)
            .keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(owner)))))
        .items().stream().map(item -> item.get("sk").s()).toList();
  }
}
