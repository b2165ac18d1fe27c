package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Commits a write of tasks or lists together with its entry in the account's change log ({@link ChangeItem}): the
 * caller's items, then the Update of the account's counter from {@code n} to {@code n + 1} on the condition that it
 * is {@code n}, then the Put of entry {@code n + 1}, in one TransactWriteItems. Either all of it commits or none.
 *
 * <p>{@code n} is the last sequence this container saw for the account (a bounded cache), so a warm write is one
 * round trip. A stale or missing {@code n} fails only the counter's condition, whose cancellation reason carries the
 * counter as it is (ReturnValuesOnConditionCheckFailure ALL_OLD): the write is sent again with the real {@code n}.
 * Concurrent writers of one account also meet as TransactionConflict on the counter (DynamoDB, "Transaction conflict
 * handling"): retried after a short jittered pause, a bounded number of times, then a 503.
 */
final class ChangeLog {
  /** TransactWriteItems holds at most 100 items, and the log takes two. */
  static final int MAX_CALLER_ITEMS = 98;
  /** Accounts whose last sequence a container remembers: a Lambda container serves few users at a time. */
  private static final int CACHED_ACCOUNTS = 1024;
  /**
   * How long one write keeps trying (stale counters corrected, conflicts waited out) before it is a 503: under
   * contention a write needs about one send per writer of the same account at that moment, and it must end well
   * inside the functions' 10 s timeout, with the SDK's own calls (at most 5 s each) after a last send.
   */
  static final Duration BUDGET = Duration.ofSeconds(6);
  /** Sends of one write that met only conflicts (in flight together on DynamoDB) before it is a 503. */
  static final int CONFLICTS = 8;
  private static final int STRIPES = 64;
  private static final long PAUSE_MILLIS = 5;
  private static final long MAX_PAUSE_MILLIS = 100;
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";

  private final DynamoDbClient client;
  private final String tableName;
  private final Clock clock;
  /**
   * One account's writes from this container take turns (by a stripe of the account's id, in arrival order): sent
   * together they would meet on the counter, all but one refused. A Lambda container serves one request at a time,
   * so there this never waits; the local runtime serves concurrent requests from one instance.
   */
  private final ReentrantLock[] turns = new ReentrantLock[STRIPES];

  private final Map<String, Long> lastSeen =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > CACHED_ACCOUNTS;
        }
      };

  ChangeLog(DynamoDbClient client, String tableName, Clock clock) {
    this.client = client;
    this.tableName = tableName;
    this.clock = clock;
    for (int i = 0; i < turns.length; i++) {
      turns[i] = new ReentrantLock(true);
    }
  }

  ChangeLog(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  /**
   * Commits {@code items} with the entry naming {@code taskIds} and {@code listIds}. Returns the entry's sequence.
   *
   * @throws TransactionCanceledException when one of {@code items} failed its condition, exactly as
   *     TransactWriteItems reported it (the caller's items keep their indexes; the log's come after them)
   * @throws dev.taskapi.domain.ServiceUnavailableException when the write could not be committed (conflicts that
   *     did not clear, throttling); nothing was written
   */
  long commit(String userId, List<TransactWriteItem> items, Collection<String> taskIds, Collection<String> listIds) {
    if (items.isEmpty() || items.size() > MAX_CALLER_ITEMS) {
      throw new IllegalArgumentException("1 to " + MAX_CALLER_ITEMS + " items, not " + items.size());
    }
    long deadline = System.nanoTime() + BUDGET.toNanos();
    ReentrantLock turn = turns[Math.floorMod(userId.hashCode(), turns.length)];
    try {
      if (!turn.tryLock(BUDGET.toNanos(), TimeUnit.NANOSECONDS)) {
        throw DynamoDbErrors.unavailable();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DynamoDbErrors.unavailable();
    }
    try {
      return commit(userId, items, taskIds, listIds, deadline);
    } finally {
      turn.unlock();
    }
  }

  private long commit(
      String userId, List<TransactWriteItem> items, Collection<String> taskIds, Collection<String> listIds,
      long deadline) {
    long last = cached(userId);
    int conflicts = 0;
    int stale = 0;
    while (true) {
      List<TransactWriteItem> all = new ArrayList<>(items);
      all.add(counterUpdate(userId, last));
      all.add(entryPut(userId, last + 1, taskIds, listIds));
      TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(all).build();
      try {
        DynamoDbErrors.call(() -> client.transactWriteItems(request));
        remember(userId, last + 1);
        return last + 1;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        CancellationReason counter = reasons.size() > items.size() ? reasons.get(items.size()) : null;
        boolean staleCounter = counter != null && CONDITION_FAILED.equals(counter.code());
        if (staleCounter) {
          last = sequenceOf(counter);
          remember(userId, last);
        }
        for (int i = 0; i < items.size() && i < reasons.size(); i++) {
          if (CONDITION_FAILED.equals(reasons.get(i).code())) {
            throw e;
          }
        }
        boolean conflict = !staleCounter && reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()));
        if (!(staleCounter || conflict) || (conflict && ++conflicts == CONFLICTS) || System.nanoTime() > deadline) {
          throw DynamoDbErrors.unavailable();
        }
        // A cold or stale cache is corrected at once. Writers that keep meeting on the counter (it moved again, or
        // their transactions were in flight together: TransactionConflict on DynamoDB) spread out: sent again
        // together, all but one would fail together again, and each failed send holds the others up. (No read of
        // the counter: a send that finds it moved learns its value from the refusal, at the same cost.)
        if (conflict || ++stale > 1) {
          pause(conflict ? conflicts : stale);
        }
      }
    }
  }

  /**
   * The item at {@code key} of the account's partition (empty when absent), read for a write that follows, in one
   * strongly consistent BatchGetItem with the account's counter, which this container then knows: the write's
   * transaction is sent with the counter as it is now, not refused on a stale one (another function's or
   * container's write since) and sent again.
   */
  Map<String, AttributeValue> readForWrite(String userId, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> counterKey = key(userId, ChangeItem.COUNTER_SORT_KEY);
    Map<String, AttributeValue> found = Map.of();
    long counter = 0;
    for (Map<String, AttributeValue> item :
        ConsistentBatchGet.items(client, tableName, List.of(key, counterKey), null, null)) {
      if (ChangeItem.COUNTER_SORT_KEY.equals(item.get(TableKeys.SORT_KEY).s())) {
        AttributeValue seq = item.get(ChangeItem.SEQUENCE);
        counter = seq == null ? 0 : Long.parseLong(seq.n());
      } else {
        found = item;
      }
    }
    remember(userId, counter);
    return found;
  }

  private synchronized long cached(String userId) {
    return lastSeen.getOrDefault(userId, 0L);
  }

  private synchronized void remember(String userId, long sequence) {
    lastSeen.merge(userId, sequence, Math::max);
  }

  /** The counter's value in a cancellation reason (its ALL_OLD item): none there, or no item, is 0. */
  private static long sequenceOf(CancellationReason counter) {
    AttributeValue seq = counter.hasItem() ? counter.item().get(ChangeItem.SEQUENCE) : null;
    return seq == null ? 0 : Long.parseLong(seq.n());
  }

  private TransactWriteItem counterUpdate(String userId, long last) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":next", AttributeValue.fromN(Long.toString(last + 1)));
    if (last > 0) {
      values.put(":last", AttributeValue.fromN(Long.toString(last)));
    }
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tableName)
                .key(key(userId, ChangeItem.COUNTER_SORT_KEY))
                .updateExpression("SET #seq = :next")
                .conditionExpression(last > 0 ? "#seq = :last" : "attribute_not_exists(#seq)")
                .expressionAttributeNames(Map.of("#seq", ChangeItem.SEQUENCE))
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build())
        .build();
  }

  private TransactWriteItem entryPut(
      String userId, long sequence, Collection<String> taskIds, Collection<String> listIds) {
    Map<String, AttributeValue> item = new HashMap<>(key(userId, ChangeItem.sortKey(sequence)));
    item.put(ChangeItem.SEQUENCE, AttributeValue.fromN(Long.toString(sequence)));
    item.put(
        ChangeItem.EXPIRES_AT,
        AttributeValue.fromN(Long.toString(clock.instant().plus(ChangeItem.KEPT).getEpochSecond())));
    // A string set may not be empty: a write that touched no list has no list_ids.
    if (!taskIds.isEmpty()) {
      item.put(ChangeItem.TASK_IDS, AttributeValue.fromSs(List.copyOf(new TreeSet<>(taskIds))));
    }
    if (!listIds.isEmpty()) {
      item.put(ChangeItem.LIST_IDS, AttributeValue.fromSs(List.copyOf(new TreeSet<>(listIds))));
    }
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY))
                .build())
        .build();
  }

  private static Map<String, AttributeValue> key(String userId, String sortKey) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(sortKey));
  }

  /**
   * A pause drawn at random up to a bound that doubles with each attempt ("full jitter"), so writers that met on
   * the counter arrive again one after the other, each then finding the counter its predecessor left.
   */
  private static void pause(int attempt) {
    long bound = Math.min(MAX_PAUSE_MILLIS, PAUSE_MILLIS << attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DynamoDbErrors.unavailable();
    }
  }
}
