package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.SyncItems;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.SyncStore;
import dev.taskapi.store.dynamodb.ListSchema.StoredList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link SyncStore} on the API's table: every read strongly consistent, in the user's partition.
 *
 * <ul>
 *   <li>{@link #lastSequence}: one GetItem of the counter ({@link ChangeItem#COUNTER_SORT_KEY}).
 *   <li>{@link #fullSyncStart}: the same GetItem, then, when numbers were given out since the last full sync, a
 *       Query of their entries and an UpdateItem of the counter's {@value ChangeItem#CLOSED} mark.
 *   <li>{@link #snapshot}: one Query of {@code sk BETWEEN "LIST#" AND "TASK#\uffff"} (the lists, then the tasks; the
 *       two counters in between, {@code LISTS} and {@code SEQ}, are skipped), {@code Limit} the page size.
 *   <li>{@link #changes}: one Query of the entries after the token's ({@code CHANGE#<t + 1>} on), {@code Limit} the
 *       page size + 1 (each entry but a void names at least one id, so one more entry than ids tells whether more
 *       follow), then BatchGetItem of what they name, 100 keys a call (its limit). A number missing below an entry
 *       ends the page before it, or, when abandoned, is voided ({@link #walk}: a PutItem, and a GetItem when the
 *       real entry arrived meanwhile).
 * </ul>
 *
 * <p>Both then read the lists of the tasks read that the page has not read itself, with one BatchGetItem projecting
 * {@code sk} and {@code deleting} (none when every task is in the default list or a list the page read): a task of a
 * list being deleted reads as deleted ({@link SyncItems#of}).
 */
public final class DynamoDbSyncStore implements SyncStore {
  private static final String SNAPSHOT_LAST = TaskItem.SORT_PREFIX + "\uffff";

  /**
   * The age past which a number's missing entry is abandoned (its writer crashed, or gave up and could not write
   * its void): {@link ChangeLog#NUMBER_HELD_AT_MOST} (11 s) and 4 s more for the writer's and the reader's clocks
   * to differ by. A gap younger than that ends a page instead, so the client has the rest on a later pull.
   */
  static final Duration GAP_ABANDONED = ChangeLog.NUMBER_HELD_AT_MOST.plusSeconds(4);

  private final DynamoDbClient client;
  private final String tableName;
  /** Judges a gap's age against the entries' {@value ChangeItem#WRITTEN_AT}, written by their writers' clocks. */
  private final Clock clock = Clock.systemUTC();
  // Taken when the store is built (a function's init, before its SnapStart snapshot), so the schemas' classes and
  // converters load then, not on the first request that reads an item (measured: 265 classes, 192 ms at restore).
  private final TableSchema<Task> taskSchema = TaskSchema.SCHEMA;
  private final TableSchema<StoredList> listSchema = ListSchema.SCHEMA;

  public DynamoDbSyncStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  @Override
  public long lastSequence(String userId) {
    return number(counter(userId), ChangeItem.SEQUENCE).orElse(0L);
  }

  /** The account's counter item, strongly consistent; empty when it has none. */
  private Map<String, AttributeValue> counter(String userId) {
    Map<String, AttributeValue> key = key(userId, ChangeItem.COUNTER_SORT_KEY);
    return DynamoDbErrors.call(() -> client.getItem(r -> r.tableName(tableName).key(key).consistentRead(true))).item();
  }

  /**
   * The counter's {@value ChangeItem#CLOSED} mark (c), or, past it, as far as the entries above it go: a GetItem of
   * the counter, then, when it has given out numbers above c, a Query of their entries (number and time written
   * only, every page), walked as a page of changes walks them ({@link #walk}: an abandoned gap voided, a young one
   * the end). The result is set as the new mark (a conditional UpdateItem: the mark only rises), so the next full
   * sync reads only the entries written since. An account with no mark yet starts below its lowest entry kept,
   * when that entry is older than {@link #GAP_ABANDONED} (the numbers below it had their entries, which expired,
   * or are gaps abandoned as long ago), else at 0.
   */
  @Override
  public long fullSyncStart(String userId) {
    Map<String, AttributeValue> counter = counter(userId);
    long given = number(counter, ChangeItem.SEQUENCE).orElse(0L);
    Optional<Long> closed = number(counter, ChangeItem.CLOSED);
    if (closed.orElse(0L) >= given) {
      return given;
    }
    List<Map<String, AttributeValue>> entries = entryTimes(userId, closed.orElse(0L) + 1, given);
    long after = closed.orElse(0L);
    if (closed.isEmpty()
        && !entries.isEmpty()
        && anyWrittenBefore(entries.subList(0, 1), clock.instant().minus(GAP_ABANDONED))) {
      after = sequence(entries.getFirst()) - 1;
    }
    Walk walk = walk(userId, after, entries);
    long start = walk.entries().isEmpty() ? after : sequence(walk.entries().getLast());
    if (start > closed.orElse(-1L)) {
      close(userId, start);
    }
    return start;
  }

  /** The entries numbered {@code first} to {@code last}, their numbers and times written only: every page. */
  private List<Map<String, AttributeValue>> entryTimes(String userId, long first, long last) {
    QueryRequest query =
        range(userId, ChangeItem.sortKey(first), ChangeItem.sortKey(last))
            .projectionExpression("#seq, #written_at")
            .expressionAttributeNames(Map.of("#seq", ChangeItem.SEQUENCE, "#written_at", ChangeItem.WRITTEN_AT))
            .build();
    return DynamoDbErrors.call(() -> new ArrayList<>(client.queryPaginator(query).items().stream().toList()));
  }

  /** Raises the counter's {@value ChangeItem#CLOSED} mark to {@code start}; a higher one set meanwhile stays. */
  private void close(String userId, long start) {
    try {
      DynamoDbErrors.call(
          () ->
              client.updateItem(
                  r ->
                      r.tableName(tableName)
                          .key(key(userId, ChangeItem.COUNTER_SORT_KEY))
                          .updateExpression("SET #closed = :start")
                          .conditionExpression(
                              "attribute_exists(#seq) AND (attribute_not_exists(#closed) OR #closed < :start)")
                          .expressionAttributeNames(Map.of("#closed", ChangeItem.CLOSED, "#seq", ChangeItem.SEQUENCE))
                          .expressionAttributeValues(Map.of(":start", AttributeValue.fromN(Long.toString(start))))));
    } catch (ConditionalCheckFailedException e) {
      // another full sync set it as high or higher
    }
  }

  private static Optional<Long> number(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item == null ? null : item.get(attribute);
    return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.n()));
  }

  @Override
  public SnapshotPage snapshot(String userId, Optional<String> after, int limit) {
    QueryResponse response =
        query(userId, ListItem.SORT_PREFIX, SNAPSHOT_LAST, limit, after.map(sortKey -> key(userId, sortKey)));
    Read read = new Read(userId);
    for (Map<String, AttributeValue> item : response.items()) {
      read.add(item);
    }
    Optional<String> next =
        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
            ? Optional.of(response.lastEvaluatedKey().get(TableKeys.SORT_KEY).s())
            : Optional.empty();
    List<String> listIds = new ArrayList<>(read.foundLists);
    if (SyncStore.passedDefaultList(userId, after, next)) {
      listIds.add(TaskLists.defaultListId(userId));
    }
    return new SnapshotPage(read.items(listIds, read.foundTasks), next);
  }

  @Override
  public ChangePage changes(String userId, long after, int limit) {
    QueryResponse response =
        query(userId, ChangeItem.sortKey(after + 1), ChangeItem.sortKey(Long.MAX_VALUE), limit + 1, Optional.empty());
    Walk walk = walk(userId, after, response.items());
    List<String> taskIds = new ArrayList<>();
    List<String> listIds = new ArrayList<>();
    long last = after;
    boolean cut = false;
    for (Map<String, AttributeValue> entry : walk.entries()) {
      List<String> entryTasks = ids(entry, ChangeItem.TASK_IDS);
      List<String> entryLists = ids(entry, ChangeItem.LIST_IDS);
      int named = taskIds.size() + listIds.size();
      if (named > 0 && named + entryTasks.size() + entryLists.size() > limit) {
        cut = true; // whole entries only: this one starts the next page
        break;
      }
      taskIds.addAll(entryTasks);
      listIds.addAll(entryLists);
      last = sequence(entry);
    }
    boolean more =
        cut || (!walk.openGap() && response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
    // An id named by several entries is read once: BatchGetItem refuses a request with a key twice.
    Set<String> lists = new LinkedHashSet<>(listIds);
    Set<String> tasks = new LinkedHashSet<>(taskIds);
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    lists.forEach(id -> keys.add(key(userId, ListItem.sortKey(id))));
    tasks.forEach(id -> keys.add(key(userId, TaskItem.SORT_PREFIX + id)));
    Read read = new Read(userId);
    batchGet(keys, null).forEach(read::add);
    return new ChangePage(read.items(lists, tasks), last, more);
  }

  /**
   * The entries after {@code after}, in order and without a gap, as far as they go: {@code read} (a Query's
   * entries, in order) with each gap below one of them either closed or the end of the walk. A missing number
   * {@code g} below an entry written more than {@link #GAP_ABANDONED} ago was given out before that entry was
   * written (numbers are given out in order), so its writer has held it longer than any writer does ({@link
   * ChangeLog#NUMBER_HELD_AT_MOST}): the reader writes its void, on the condition that it has no entry; refused, the
   * real entry has arrived, and is read. A younger gap may still fill: the walk ends before it ({@code openGap}).
   * Either way no number is passed without its entry or a void, which no late write can then replace.
   */
  private Walk walk(String userId, long after, List<Map<String, AttributeValue>> read) {
    List<Map<String, AttributeValue>> entries = new ArrayList<>();
    long expected = after + 1;
    for (int i = 0; i < read.size(); i++) {
      long sequence = sequence(read.get(i));
      if (sequence > expected) {
        if (!anyWrittenBefore(read.subList(i, read.size()), clock.instant().minus(GAP_ABANDONED))) {
          return new Walk(entries, true);
        }
        for (long gap = expected; gap < sequence; gap++) {
          closeGap(userId, gap).ifPresent(entries::add);
        }
      }
      entries.add(read.get(i));
      expected = sequence + 1;
    }
    return new Walk(entries, false);
  }

  /** A gapless run of entries; {@code openGap}: a gap too young to close follows it. */
  private record Walk(List<Map<String, AttributeValue>> entries, boolean openGap) {}

  /** Whether one of {@code entries} was written before {@code bound}; one from before written-at counts as old. */
  private static boolean anyWrittenBefore(List<Map<String, AttributeValue>> entries, Instant bound) {
    for (Map<String, AttributeValue> entry : entries) {
      AttributeValue writtenAt = entry.get(ChangeItem.WRITTEN_AT);
      if (writtenAt == null || Long.parseLong(writtenAt.n()) < bound.toEpochMilli()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes the abandoned gap at {@code sequence} with its void; when the number has an entry after all (the write
   * landed, or another reader voided it), that entry, read strongly consistent. Empty: the void is written.
   */
  private Optional<Map<String, AttributeValue>> closeGap(String userId, long sequence) {
    try {
      DynamoDbErrors.call(() -> client.putItem(ChangeLog.voidPut(tableName, userId, sequence, clock)));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> key = key(userId, ChangeItem.sortKey(sequence));
      Map<String, AttributeValue> entry =
          DynamoDbErrors.call(() -> client.getItem(r -> r.tableName(tableName).key(key).consistentRead(true))).item();
      return entry == null || entry.isEmpty() ? Optional.empty() : Optional.of(entry);
    }
  }

  private static long sequence(Map<String, AttributeValue> entry) {
    return Long.parseLong(entry.get(ChangeItem.SEQUENCE).n());
  }

  /** The items one page read, in the order read. */
  private final class Read {
    final String userId;
    final List<String> foundLists = new ArrayList<>();
    final List<String> foundTasks = new ArrayList<>();
    final Map<String, TaskList> liveLists = new HashMap<>();
    final Set<String> goneLists = new HashSet<>();
    final Map<String, Task> tasks = new HashMap<>();

    Read(String userId) {
      this.userId = userId;
    }

    /** An item of the user's partition: a list or a task; any other (a counter) is no part of the state. */
    void add(Map<String, AttributeValue> item) {
      String sortKey = item.get(TableKeys.SORT_KEY).s();
      if (sortKey.startsWith(ListItem.SORT_PREFIX)) {
        StoredList stored = listSchema.mapToItem(item);
        foundLists.add(stored.list().id());
        if (stored.deleting()) {
          goneLists.add(stored.list().id());
        } else {
          liveLists.put(stored.list().id(), stored.list());
        }
      } else if (sortKey.startsWith(TaskItem.SORT_PREFIX)) {
        Task task = taskSchema.mapToItem(item);
        foundTasks.add(task.id());
        tasks.put(task.id(), task);
      }
    }

    /** What the page reports for the lists {@code listIds} and tasks {@code taskIds}, given what it read. */
    SyncItems items(Collection<String> listIds, Collection<String> taskIds) {
      readListsOfTasks();
      return SyncItems.of(userId, listIds, liveLists, taskIds, tasks, goneLists);
    }

    /** The lists of the tasks read that this page has not read: those absent or being deleted join goneLists. */
    private void readListsOfTasks() {
      String defaultId = TaskLists.defaultListId(userId);
      Set<String> unknown = new HashSet<>();
      for (Task task : tasks.values()) {
        String list = task.placement().listId();
        if (!list.equals(defaultId) && !liveLists.containsKey(list) && !goneLists.contains(list)) {
          unknown.add(list);
        }
      }
      if (unknown.isEmpty()) {
        return;
      }
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      unknown.forEach(id -> keys.add(key(userId, ListItem.sortKey(id))));
      Set<String> live = new HashSet<>();
      for (Map<String, AttributeValue> item : batchGet(keys, "sk, #deleting")) {
        if (!item.containsKey(ListItem.DELETING)) {
          live.add(item.get(TableKeys.SORT_KEY).s().substring(ListItem.SORT_PREFIX.length()));
        }
      }
      unknown.removeAll(live);
      goneLists.addAll(unknown);
    }
  }

  /** The items of {@code keys} that exist, strongly consistent ({@link ConsistentBatchGet}). */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection) {
    return ConsistentBatchGet.items(
        client, tableName, keys, projection, projection == null ? null : Map.of("#deleting", ListItem.DELETING));
  }

  /** One strongly consistent Query of the user's sort keys from {@code first} to {@code last}. */
  private QueryResponse query(
      String userId, String first, String last, int limit, Optional<Map<String, AttributeValue>> start) {
    QueryRequest.Builder query = range(userId, first, last).limit(limit);
    start.ifPresent(query::exclusiveStartKey);
    return DynamoDbErrors.call(() -> client.query(query.build()));
  }

  /** A strongly consistent Query of the user's sort keys from {@code first} to {@code last}. */
  private QueryRequest.Builder range(String userId, String first, String last) {
    return QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression("pk = :pk AND sk BETWEEN :first AND :last")
        .expressionAttributeValues(
            Map.of(
                ":pk", AttributeValue.fromS(TaskItem.partitionKey(userId)),
                ":first", AttributeValue.fromS(first),
                ":last", AttributeValue.fromS(last)))
        .consistentRead(true);
  }

  private static List<String> ids(Map<String, AttributeValue> entry, String attribute) {
    AttributeValue ids = entry.get(attribute);
    return ids == null ? List.of() : ids.ss();
  }

  private static Map<String, AttributeValue> key(String userId, String sortKey) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(sortKey));
  }
}
