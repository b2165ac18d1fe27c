package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Commits a write of tasks or lists together with its entry in the account's change log ({@link ChangeItem}): the
 * caller's items, then the Update of the account's counter from {@code n} to {@code n + 1} on the condition that it
 * is {@code n}, then the Put of entry {@code n + 1}, in one TransactWriteItems. Either all of it commits or none.
 *
 * <p>{@code n} is the last sequence this container saw for the account (a bounded cache, which a write that reads
 * first refreshes: {@link #readForWrite}), so a warm write is one round trip. A stale {@code n} fails only the
 * counter's condition, whose cancellation reason carries the counter as it is (ReturnValuesOnConditionCheckFailure
 * ALL_OLD): the write is sent again once with the real {@code n}. Refused on the counter again, or met by another
 * transaction on it (TransactionConflict), the write is one of several writing the account at once: rather than
 * queue behind them on the counter, it takes a number of its own with an atomic ADD and sends its transaction
 * without the counter, the entry's Put conditional on the number having no entry yet ({@link #commitNumbered}).
 * A number so taken that its write does not commit gets a void entry, so the usual failure leaves no gap; a
 * crashed writer's gap is closed by a reader ({@code DynamoDbSyncStore}).
 */
final class ChangeLog {
  /** TransactWriteItems holds at most 100 items, and the log takes two. */
  static final int MAX_CALLER_ITEMS = 98;
  /** Accounts whose last sequence a container remembers: a Lambda container serves few users at a time. */
  private static final int CACHED_ACCOUNTS = 1024;
  /**
   * How long one write keeps trying (conflicts on its own items waited out, voided numbers replaced) before it is a
   * 503: it must end well inside the functions' 10 s timeout, with the SDK's own calls (at most 5 s each) after a
   * last send.
   */
  static final Duration BUDGET = Duration.ofSeconds(6);
  /** Sends of one write that met only conflicts (in flight together on DynamoDB) before it is a 503. */
  static final int CONFLICTS = 8;
  /**
   * How long a writer may hold a number it took before its entry (or void) is written: a write's sends start within
   * {@link #BUDGET} of its start, and the last one ends within the SDK's call timeout.
   */
  static final Duration NUMBER_HELD_AT_MOST = BUDGET.plus(AwsClientSettings.API_CALL_TIMEOUT);
  private static final long PAUSE_MILLIS = 5;
  private static final long MAX_PAUSE_MILLIS = 100;
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";
  /** {@link #takeNumber}'s answer for an account without a counter. */
  private static final long NO_COUNTER = 0;

  private final DynamoDbClient client;
  private final String tableName;
  private final Clock clock;
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
    long last = cached(userId);
    for (int send = 1; ; send++) {
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
          last = sequenceOf(counter); // learned even from a refusal of the caller's, for the next write
          remember(userId, last);
        }
        if (callerRefused(reasons, items.size())) {
          throw e;
        }
        boolean conflict = !staleCounter && reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()));
        if (!(staleCounter || conflict)) {
          throw DynamoDbErrors.unavailable();
        }
        // A cache that missed other containers' writes is corrected at once, as cheaply as an ADD would be. The
        // counter moving again, or a transaction in flight on it, is other writers of the account now: sent again
        // together, all but one would be refused again, each refusal holding the others up.
        if (conflict || send == 2) {
          return commitNumbered(userId, items, taskIds, listIds, deadline);
        }
      }
    }
  }

  /**
   * Commits with a number of its own: an atomic {@code ADD seq 1} of the counter (outside any transaction, so it
   * never waits for the account's other writers), then the caller's items with the entry's Put, conditional on the
   * number having no entry: the write and its entry commit together or not at all. A refusal of the entry alone
   * means a reader found the number's gap old and voided it: the write takes a new number. A refusal of a caller's
   * item, or a write that gives up, voids its number before it answers, so readers wait for no entry.
   */
  long commitNumbered(
      String userId, List<TransactWriteItem> items, Collection<String> taskIds, Collection<String> listIds,
      long deadline) {
    int conflicts = 0;
    while (true) {
      if (System.nanoTime() > deadline) {
        throw DynamoDbErrors.unavailable();
      }
      long sequence = takeNumber(userId, deadline);
      if (sequence == NO_COUNTER) {
        if (commitFirst(userId, items, taskIds, listIds)) {
          return 1;
        }
        continue;
      }
      List<TransactWriteItem> all = new ArrayList<>(items);
      all.add(entryPut(userId, sequence, taskIds, listIds));
      TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(all).build();
      while (true) {
        try {
          DynamoDbErrors.call(() -> client.transactWriteItems(request));
          return sequence;
        } catch (TransactionCanceledException e) {
          List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
          if (callerRefused(reasons, items.size())) {
            voidEntry(userId, sequence);
            throw e;
          }
          if (reasons.size() > items.size() && CONDITION_FAILED.equals(reasons.get(items.size()).code())) {
            break; // voided by a reader meanwhile: a new number
          }
          boolean conflict = reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()));
          if (!conflict || ++conflicts == CONFLICTS || System.nanoTime() > deadline) {
            voidEntry(userId, sequence);
            throw DynamoDbErrors.unavailable();
          }
          pause(conflicts);
        } catch (RuntimeException e) {
          voidEntry(userId, sequence);
          throw e;
        }
      }
    }
  }

  /**
   * The account's first entry, with its counter created (conditional on its absence) and the caller's items, in one
   * TransactWriteItems: what a number is taken by when the account has no counter. False when the counter exists by
   * now (another first write won): the caller takes a number again.
   *
   * @throws TransactionCanceledException when one of the caller's items failed its condition
   */
  private boolean commitFirst(
      String userId, List<TransactWriteItem> items, Collection<String> taskIds, Collection<String> listIds) {
    List<TransactWriteItem> all = new ArrayList<>(items);
    all.add(counterUpdate(userId, 0));
    all.add(entryPut(userId, 1, taskIds, listIds));
    try {
      DynamoDbErrors.call(() -> client.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(all).build()));
      remember(userId, 1);
      return true;
    } catch (TransactionCanceledException e) {
      if (callerRefused(e.hasCancellationReasons() ? e.cancellationReasons() : List.of(), items.size())) {
        throw e;
      }
      return false;
    }
  }

  /**
   * A new number for the account: {@code ADD seq 1} on its counter, the value after it (UPDATED_NEW); {@link
   * #NO_COUNTER} when the account has no counter. The ADD is conditional on the counter existing, so it never
   * creates one: the counter of an account whose partition was deleted meanwhile (the account's deletion) stays
   * deleted. DynamoDB refuses a single write to an item a transaction has in flight (TransactionConflictException,
   * "Transaction conflict handling in DynamoDB"): waited out until {@code deadline}.
   */
  private long takeNumber(String userId, long deadline) {
    UpdateItemRequest add =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(key(userId, ChangeItem.COUNTER_SORT_KEY))
            .updateExpression("ADD #seq :one")
            .conditionExpression("attribute_exists(#seq)")
            .expressionAttributeNames(Map.of("#seq", ChangeItem.SEQUENCE))
            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
            .returnValues(ReturnValue.UPDATED_NEW)
            .build();
    for (int attempt = 1; ; attempt++) {
      try {
        long sequence =
            Long.parseLong(DynamoDbErrors.call(() -> client.updateItem(add)).attributes().get(ChangeItem.SEQUENCE).n());
        remember(userId, sequence);
        return sequence;
      } catch (ConditionalCheckFailedException e) {
        return NO_COUNTER;
      } catch (TransactionConflictException e) {
        if (System.nanoTime() > deadline) {
          throw DynamoDbErrors.unavailable();
        }
        pause(attempt);
      }
    }
  }

  /**
   * The void entry of {@code sequence}, unless it has an entry already (the write's own, landed after all, or a
   * reader's void), and only while the account's counter exists: one TransactWriteItems of the void's Put with a
   * no-op Update of the counter conditional on it, so a writer whose account was deleted meanwhile (its partition
   * swept, the counter with it) leaves no entry behind. Best effort, as a crash would leave the gap too, and readers
   * close gaps themselves.
   */
  private void voidEntry(String userId, long sequence) {
    Update counterExists = Update.builder()
        .tableName(tableName)
        .key(key(userId, ChangeItem.COUNTER_SORT_KEY))
        .updateExpression("SET #seq = #seq")
        .conditionExpression("attribute_exists(#seq)")
        .expressionAttributeNames(Map.of("#seq", ChangeItem.SEQUENCE))
        .build();
    PutItemRequest put = voidPut(tableName, userId, sequence, clock);
    Put voidEntry = Put.builder().tableName(tableName).item(put.item()).conditionExpression(put.conditionExpression())
        .expressionAttributeNames(put.expressionAttributeNames()).build();
    try {
      DynamoDbErrors.call(() -> client.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().update(counterExists).build(), TransactWriteItem.builder().put(voidEntry).build())));
    } catch (RuntimeException e) {
      // Cancelled: the number has its entry, or the account's log is gone. Anything else: the gap stays for a reader.
    }
  }

  /**
   * The Put of the void entry of {@code sequence}, on the condition that the number has no entry: of a void and
   * the write's entry, whichever is written first is the only one.
   */
  static PutItemRequest voidPut(String tableName, String userId, long sequence, Clock clock) {
    Map<String, AttributeValue> item = new HashMap<>(entryItem(userId, sequence, clock));
    item.put(ChangeItem.VOID, AttributeValue.fromBool(true));
    return PutItemRequest.builder()
        .tableName(tableName)
        .item(item)
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY))
        .build();
  }

  /** Whether one of the caller's {@code callerItems} items failed its condition. */
  private static boolean callerRefused(List<CancellationReason> reasons, int callerItems) {
    for (int i = 0; i < callerItems && i < reasons.size(); i++) {
      if (CONDITION_FAILED.equals(reasons.get(i).code())) {
        return true;
      }
    }
    return false;
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

  /** An entry's key, number, time written and expiry: what a write's entry and a void have alike. */
  private static Map<String, AttributeValue> entryItem(String userId, long sequence, Clock clock) {
    Instant now = clock.instant();
    Map<String, AttributeValue> item = new HashMap<>(key(userId, ChangeItem.sortKey(sequence)));
    item.put(ChangeItem.SEQUENCE, AttributeValue.fromN(Long.toString(sequence)));
    item.put(ChangeItem.WRITTEN_AT, AttributeValue.fromN(Long.toString(now.toEpochMilli())));
    item.put(ChangeItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(ChangeItem.KEPT).getEpochSecond())));
    return item;
  }

  private TransactWriteItem entryPut(
      String userId, long sequence, Collection<String> taskIds, Collection<String> listIds) {
    Map<String, AttributeValue> item = new HashMap<>(entryItem(userId, sequence, clock));
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
   * an item arrive again one after the other.
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
