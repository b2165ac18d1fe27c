package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.domain.TaskSort;
import dev.taskapi.domain.UnprocessableContentException;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /tasks} beyond the seed's listing ({@link DynamoDbTaskStore#list}): which key range a query reads, and
 * how. Every filter is applied here in Java by {@link TaskQuery#matches}, the one definition the in-memory store
 * applies too (a DynamoDB FilterExpression would not lower the read units: DynamoDB charges what a Query reads,
 * before filtering).
 *
 * <ul>
 *   <li>{@code sort=position} (with its list_id): the {@value TaskItem#BY_POSITION} index, {@code pk = USER#<id> AND
 *       begins_with(position_sk, "<list>#")} (or {@code "<list>#<parent>#"} with a parent_id), in key order.
 *       Eventually consistent: a global secondary index offers nothing else.
 *   <li>{@code sort=created} (and the default listing, newest first): the {@value TaskItem#BY_CREATED} index, {@code
 *       pk = USER#<id>} (the partition's whole range there: only tasks have a {@code created_sk}), in key order:
 *       creation order whatever the ids; other filters, {@code completed} included, applied here. Eventually consistent, as every read of a global secondary index; while DynamoDB still builds the
 *       index after the upgrade that added it, the table's {@code begins_with(sk, "TASK#")} range instead (strongly
 *       consistent, in id order: creation order for every task the server named).
 *   <li>any other order: the table's {@code begins_with(sk, "TASK#")} range, or by-completed's {@code
 *       begins_with(completed_sk, "<0|1>#")} range with a completed filter (strongly consistent), read to its end,
 *       sorted here.
 * </ul>
 *
 * <p>In key order, a page is found by reading on until {@code limit + 1} tasks match, at most {@value #MAX_READS}
 * Query calls: then the page is cut short and its position is the last task read, so the next page continues there
 * and no task is skipped (a short, even empty, page with a cursor: never a silently incomplete one). With no filter
 * left beyond the key range, each Query asks for {@code limit + 1} items, so a page is one round trip; with filters,
 * the first asks for {@value #FILTERED_READ} and the rest for whole 1 MB pages. A sorted
 * order reads the whole range every page (up to {@value #MAX_READS} Query calls of at most 1 MB each) and keeps only
 * the best {@code limit + 1} tasks after the position; a range larger than that is a 422.
 */
final class TaskQueryReader {
  /** Query calls per request: DynamoDB returns at most 1 MB per call, so this bounds a request's reads to 16 MB. */
  static final int MAX_READS = 16;
  /** Items of the first Query when filters remain to apply in Java; later ones read whole 1 MB pages. */
  static final int FILTERED_READ = 1000;

  private final DynamoDbTable<Task> table;
  private final int maxReads;
  private final int firstRead;
  private final Integer laterRead;

  TaskQueryReader(DynamoDbTable<Task> table) {
    this(table, MAX_READS, FILTERED_READ, null);
  }

  /** With other bounds, so a test reaches them with a few tasks; {@code laterRead} null: whole 1 MB pages. */
  TaskQueryReader(DynamoDbTable<Task> table, int maxReads, int firstRead, Integer laterRead) {
    this.table = table;
    this.maxReads = maxReads;
    this.firstRead = firstRead;
    this.laterRead = laterRead;
  }

  TaskQuery.Page query(String userId, TaskQuery query, int limit, Optional<String> after) {
    if (query.sort() == TaskSort.CREATED) {
      // Served by the by-created index; while it is still backfilling after the upgrade that added it, DynamoDB
      // refuses to read it, and the table's range (id order) answers instead, so the listing never fails meanwhile.
      return DynamoDbErrors.whileIndexBuilds(
          () -> inKeyOrder(createdRange(userId), query, limit, after),
          () -> inKeyOrder(tableRange(userId), query, limit, after));
    }
    Range range = range(userId, query);
    return query.sort() == TaskSort.POSITION
        ? inKeyOrder(range, query, limit, after)
        : sorted(range, query, limit, after);
  }

  private TaskQuery.Page inKeyOrder(Range range, TaskQuery query, int limit, Optional<String> after) {
    boolean filtered = !range.coversFilters(query);
    Map<String, AttributeValue> start = after.map(range::startKey).orElse(null);
    List<Task> found = new ArrayList<>();
    for (int reads = 0; reads < maxReads; reads++) {
      // Filtered: a first read of FILTERED_READ items (dense matches fill a page from it), then DynamoDB's whole
      // 1 MB pages, so sparse matches cost few round trips; the read units are the same either way.
      Integer items = filtered ? (reads == 0 ? Integer.valueOf(firstRead) : laterRead) : Integer.valueOf(limit + 1);
      Page<Task> page = range.read(start, !query.descending(), items);
      for (Task task : page.items()) {
        if (query.matches(task)) {
          found.add(task);
          if (found.size() > limit) {
            List<Task> tasks = found.subList(0, limit);
            return new TaskQuery.Page(tasks, Optional.of(query.sortKey(tasks.getLast())));
          }
        }
      }
      start = page.lastEvaluatedKey();
      if (start == null || start.isEmpty()) {
        return new TaskQuery.Page(found, Optional.empty());
      }
    }
    // Out of reads: continue after the last key read, which every task before it was checked against.
    return new TaskQuery.Page(found, Optional.of(range.position(start)));
  }

  private TaskQuery.Page sorted(Range range, TaskQuery query, int limit, Optional<String> after) {
    Comparator<Keyed> byKey = Comparator.comparing(Keyed::key);
    if (query.descending()) {
      byKey = byKey.reversed();
    }
    PriorityQueue<Keyed> best = new PriorityQueue<>(byKey.reversed()); // the worst kept task on top
    Map<String, AttributeValue> start = null;
    for (int reads = 0; reads < maxReads; reads++) {
      Page<Task> page = range.read(start, true, laterRead);
      for (Task task : page.items()) {
        if (query.matches(task)) {
          Keyed keyed = new Keyed(query.sortKey(task), task); // each key made once, not per comparison
          if (after.map(position -> query.isAfter(keyed.key(), position)).orElse(true)) {
            best.add(keyed);
            if (best.size() > limit + 1) {
              best.poll();
            }
          }
        }
      }
      start = page.lastEvaluatedKey();
      if (start == null || start.isEmpty()) {
        List<Keyed> sorted = new ArrayList<>(best);
        sorted.sort(byKey);
        List<Task> tasks = sorted.stream().limit(limit).map(Keyed::task).toList();
        Optional<String> next =
            sorted.size() > limit ? Optional.of(sorted.get(limit - 1).key()) : Optional.empty();
        return new TaskQuery.Page(tasks, next);
      }
    }
    throw new UnprocessableContentException(
        "Too many tasks to sort by " + query.sort().wireName() + " in one request; sort by created, or by"
            + " position within a list_id.");
  }

  /** A task and its sort key. */
  private record Keyed(String key, Task task) {}

  /** The key range a query reads. */
  private Range range(String userId, TaskQuery query) {
    String partition = TaskItem.partitionKey(userId);
    if (query.sort() == TaskSort.POSITION) {
      String list = query.listId().orElseThrow();
      String prefix =
          query.parentId().map(parent -> TaskItem.positionPrefix(list, parent)).orElse(TaskItem.listPositionPrefix(list));
      return new Range(table.index(TaskItem.BY_POSITION)::query, partition, TaskItem.POSITION_SK, prefix, false);
    }
    if (query.completed().isPresent()) {
      String prefix = TaskSchema.completedPrefix(query.completed().get());
      return new Range(table.index(TaskItem.BY_COMPLETED)::query, partition, TaskItem.COMPLETED_SK, prefix, true);
    }
    return tableRange(userId);
  }

  /** Every task of the user in creation order: the by-created index's whole range. */
  private Range createdRange(String userId) {
    return new Range(table.index(TaskItem.BY_CREATED)::query, TaskItem.partitionKey(userId), TaskItem.CREATED_SK, "", false);
  }

  /** Every task of the user in id order: the table's {@code TASK#} range. */
  private Range tableRange(String userId) {
    return new Range(table::query, TaskItem.partitionKey(userId), null, TaskItem.SORT_PREFIX, true);
  }

  /** One index's key range: {@code pk = partition AND begins_with(<its sort key>, prefix)}. */
  private record Range(
      Function<QueryEnhancedRequest, SdkIterable<Page<Task>>> source,
      String partition,
      String indexSortKey,
      String prefix,
      boolean consistent) {

    Page<Task> read(Map<String, AttributeValue> start, boolean forward, Integer limit) {
      // The whole partition when there is no prefix: DynamoDB refuses an empty string as a key condition's value.
      QueryConditional range =
          prefix.isEmpty()
              ? QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build())
              : QueryConditional.sortBeginsWith(Key.builder().partitionValue(partition).sortValue(prefix).build());
      QueryEnhancedRequest request =
          QueryEnhancedRequest.builder()
              .queryConditional(range)
              .scanIndexForward(forward)
              .consistentRead(consistent)
              .limit(limit)
              .exclusiveStartKey(start)
              .build();
      return DynamoDbErrors.call(() -> source.apply(request).iterator().next());
    }

    /** Whether reading this range is all the query's filters need (no task read can fail them). */
    boolean coversFilters(TaskQuery query) {
      boolean onlyRangeFilters =
          query.label().isEmpty()
              && query.priority().isEmpty()
              && query.dueBefore().isEmpty()
              && query.dueAfter().isEmpty()
              && query.q().isEmpty();
      if (TaskItem.POSITION_SK.equals(indexSortKey)) {
        return onlyRangeFilters && query.completed().isEmpty();
      }
      boolean everyTask = query.listId().isEmpty() && query.parentId().isEmpty();
      if (!TaskItem.COMPLETED_SK.equals(indexSortKey)) { // the table's or by-created's range: every task
        return onlyRangeFilters && everyTask && query.completed().isEmpty();
      }
      return onlyRangeFilters && everyTask;
    }

    /**
     * Where a page continues after {@code position} (a sort key of this range's order: a task id, or a
     * position_sk): the table's key of that task and, on an index, its index key. The item need not exist any
     * more: DynamoDB only uses the key as a position.
     */
    Map<String, AttributeValue> startKey(String position) {
      String taskId = position.substring(position.lastIndexOf('#') + 1);
      Map<String, AttributeValue> key = new HashMap<>();
      key.put(TableKeys.PARTITION_KEY, AttributeValue.fromS(partition));
      key.put(TableKeys.SORT_KEY, AttributeValue.fromS(TaskItem.SORT_PREFIX + taskId));
      if (TaskItem.CREATED_SK.equals(indexSortKey)) {
        // A position issued before creation order had its own key was the task id alone (a server's UUIDv7).
        key.put(indexSortKey, AttributeValue.fromS(
            position.indexOf('#') < 0 ? TaskSort.createdKeyOfServerId(taskId) : position));
      } else if (indexSortKey != null) {
        key.put(indexSortKey, AttributeValue.fromS(indexSortKey.equals(TaskItem.COMPLETED_SK) ? prefix + taskId : position));
      }
      return key;
    }

    /** The position of a LastEvaluatedKey: inverse of {@link #startKey}. */
    String position(Map<String, AttributeValue> lastKey) {
      if (TaskItem.POSITION_SK.equals(indexSortKey) || TaskItem.CREATED_SK.equals(indexSortKey)) {
        return lastKey.get(indexSortKey).s();
      }
      return lastKey.get(TableKeys.SORT_KEY).s().substring(TaskItem.SORT_PREFIX.length());
    }
  }
}
