package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Move;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskChanges;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.TaskPage;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.TakenId;
import dev.taskapi.store.TaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** {@link TaskStore} on the API's DynamoDB table; see {@link TaskSchema} for the key design. */
public final class DynamoDbTaskStore implements TaskStore {
  /** Guards the (practically impossible) reuse of an id: a create never overwrites an existing task. */
  private static final Expression ABSENT = Expression.builder().expression("attribute_not_exists(pk)").build();
  /** A delete of a task that is not there must fail rather than succeed silently, so the caller gets its 404. */
  private static final Expression PRESENT = Expression.builder().expression("attribute_exists(pk)").build();
  /**
   * The index items a move reads next to its anchor: the moved task may be among them, and a tie with the anchor
   * (two tasks created in the same millisecond) is skipped, so one more than the neighbour needed.
   */
  private static final int NEIGHBOURS = 3;
  /** Reads and writes a move makes before a task that keeps changing under it is a 503. */
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbTable<Task> table;
  private final DynamoDbIndex<Task> byCompleted;
  private final TaskQueryReader queries;
  private final ChangeLog log;
  private final LoggedTaskDeletion deletions;

  /**
   * Takes the low-level client as well as mapping through the enhanced one: an update is an UpdateItem with an
   * update expression (increment the version, set only the changed fields), which the enhanced client cannot say.
   */
  public DynamoDbTaskStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
    this.table = DynamoDbClients.table(client, tableName, TaskSchema.SCHEMA);
    this.byCompleted = table.index(TaskItem.BY_COMPLETED);
    this.queries = new TaskQueryReader(table);
    this.log = new ChangeLog(client, tableName);
    this.deletions = new LoggedTaskDeletion(log, tableName);
  }

  /**
   * One TransactWriteItems: a ConditionCheck that the owner's user item exists with the owner's id and without
   * {@code closing}, and the task's Put, conditional on its id being new. DynamoDB applies both or neither, and
   * serializes the transaction with the account deletion's writes: a create either lands before the deletion
   * marks the account closing (and the deletion's sweep, which comes after, finds it) or is refused. A task for a
   * list other than the default one adds an item, the list's {@link ListSchema#liveListCheck}: the same
   * reasoning holds against the list's deletion. A sub-task adds one more, the Update raising its parent's
   * {@value TaskItem#CHILDREN} count, conditional on the parent still being there in the sub-task's list: so no
   * sub-task is written under a parent deleted (or moved away) since it was read, and a parent's delete knows from
   * its own item whether it may have sub-tasks.
   */
  @Override
  public Optional<TakenId<Task>> create(Task task, Optional<String> fingerprint, String ownerEmail) {
    Map<String, AttributeValue> item = new HashMap<>(TaskSchema.SCHEMA.itemToMap(task, true));
    fingerprint.ifPresent(f -> item.put(TaskItem.CREATE_FINGERPRINT, AttributeValue.fromS(f)));
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(UserSchema.openAccountCheck(tableName, ownerEmail, task.userId()));
    items.add(
        TransactWriteItem.builder()
            .put(
                Put.builder()
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression(ABSENT.expression())
                    // A taken id's refusal carries the item holding it: a replay is told apart with no read.
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build())
            .build());
    Optional<TransactWriteItem> listCheck = listCheck(task.userId(), task.placement().listId());
    listCheck.ifPresent(items::add);
    int parentItem = items.size();
    if (!task.placement().topLevel()) {
      items.add(parentUpdate(task.userId(), task.placement()));
    }
    try {
      log.commit(task.userId(), items, List.of(task.id()), List.of());
      return Optional.empty();
    } catch (TransactionCanceledException e) {
      if (DynamoDbErrors.conditionFailed(e, 0)) {
        throw new NotFoundException("This account no longer exists.");
      }
      // Before the list and the parent: a replay is recognised even if they have gone (or moved) since.
      if (DynamoDbErrors.conditionFailed(e, 1)) {
        return Optional.of(taken(DynamoDbErrors.refusedItem(e, 1), task));
      }
      if (listCheck.isPresent() && DynamoDbErrors.conditionFailed(e, 2)) {
        throw NotFoundException.noSuchList();
      }
      if (!task.placement().topLevel() && DynamoDbErrors.conditionFailed(e, parentItem)) {
        throw NotFoundException.noSuchParent();
      }
      // Cancelled for another reason (a conflicting transaction, throttling): nothing was written; retry.
      throw DynamoDbErrors.unavailable();
    }
  }

  /**
   * What holds a taken id, from the refused put's ALL_OLD item. DynamoDB always returns the item there (the
   * condition is its absence); an emulator that returned none would leave only the task asked for, with no
   * fingerprint, so a client id is then a 409, never a false replay.
   */
  private static TakenId<Task> taken(Map<String, AttributeValue> stored, Task asked) {
    if (stored.isEmpty()) {
      return new TakenId<>(asked, Optional.empty());
    }
    AttributeValue fingerprint = stored.get(TaskItem.CREATE_FINGERPRINT);
    return new TakenId<>(
        TaskSchema.SCHEMA.mapToItem(stored), Optional.ofNullable(fingerprint).map(AttributeValue::s));
  }

  @Override
  public TaskPage list(String userId, Optional<Boolean> completed, int limit, Optional<String> afterTaskId) {
    // Ask for one more than the page: whether it comes back tells exactly whether another page exists, so the
    // last page has no cursor (DynamoDB's LastEvaluatedKey alone would send clients to a final empty page).
    QueryEnhancedRequest.Builder query =
        QueryEnhancedRequest.builder()
            .queryConditional(keyCondition(userId, completed))
            .scanIndexForward(false)
            .consistentRead(true)
            .limit(limit + 1);
    afterTaskId.ifPresent(id -> query.exclusiveStartKey(startKey(userId, completed, id)));
    QueryEnhancedRequest request = query.build();
    Page<Task> page =
        DynamoDbErrors.call(
            () ->
                completed.isPresent()
                    ? byCompleted.query(request).iterator().next()
                    : table.query(request).iterator().next());

    List<Task> items = page.items();
    if (items.size() > limit) {
      List<Task> tasks = items.subList(0, limit);
      return new TaskPage(tasks, Optional.of(tasks.getLast().id()));
    }
    // Fewer than asked but a LastEvaluatedKey: DynamoDB stopped at its 1 MB page size, so more may follow.
    boolean truncated = page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty();
    Optional<String> last = truncated && !items.isEmpty() ? Optional.of(items.getLast().id()) : Optional.empty();
    return new TaskPage(items, last);
  }

  @Override
  public TaskQuery.Page query(String userId, TaskQuery query, int limit, Optional<String> afterPosition) {
    return queries.query(userId, query, limit, afterPosition);
  }

  @Override
  public Optional<Task> find(String userId, String taskId) {
    GetItemEnhancedRequest get =
        GetItemEnhancedRequest.builder().key(TaskSchema.key(userId, taskId)).consistentRead(true).build();
    return Optional.ofNullable(DynamoDbErrors.call(() -> table.getItem(get)));
  }

  /**
   * A strongly consistent GetItem of the task, then one TransactWriteItems: the edit ({@link TaskUpdate}),
   * conditional on the version read, with its change-log entry ({@link ChangeLog}). A transaction returns no values,
   * so the read gives the item the edit applies to, and the condition proves it is still that item. A concurrent
   * write between the two fails the condition: the edit starts over ({@value #ATTEMPTS} attempts), or, under
   * If-Match, is a 412 (or a 404 when the task went). A version other than If-Match's is a 412 with no write.
   */
  @Override
  public Optional<Task> update(
      String userId, String taskId, TaskChanges changes, Optional<Long> requiredVersion, Instant now) {
    for (int attempt = 1; ; attempt++) {
      Optional<Task> current = readForWrite(userId, taskId, requiredVersion);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Task task = current.get();
      UpdateItemRequest update =
          TaskUpdate.request(tableName, userId, taskId, changes, Optional.empty(), Optional.of(task.version()), now);
      try {
        log.commit(userId, List.of(transactional(update)), List.of(taskId), List.of());
        return Optional.of(task.apply(changes, now));
      } catch (TransactionCanceledException e) {
        // the task changed or went since it was read: below
      }
      if (lostRace(userId, taskId, requiredVersion, attempt)) {
        return Optional.empty();
      }
    }
  }

  /**
   * A strongly consistent GetItem of the task (and of the task named in {@code after}), one Query of the
   * by-position index for the neighbours (at most {@value #NEIGHBOURS} items), then one write of the task alone,
   * conditional on the version read, in one TransactWriteItems with its change-log entry ({@link ChangeLog}) and,
   * into a list other than the default one, the list's {@link ListSchema#liveListCheck}. The index is eventually consistent: a
   * neighbour it shows stale (moved a moment ago) can put this task one place off the order the client meant,
   * never lose or duplicate a task (each task's key is written only with its own item, and the task id in the key
   * breaks ties). A concurrent write to the task between the read and the write fails the version condition: the
   * move starts over ({@value #ATTEMPTS} attempts), or, under If-Match, is a 412.
   */
  @Override
  public Optional<Task> move(
      String userId, String taskId, Move move, TaskChanges changes, Optional<Long> requiredVersion, Instant now) {
    for (int attempt = 1; ; attempt++) {
      Optional<Task> current = readForWrite(userId, taskId, requiredVersion);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Task task = current.get();
      move.check(task.placement());
      if (move.keepsPlace(task.placement())) {
        return update(userId, taskId, changes, requiredVersion, now);
      }
      String target = move.targetList(task.placement());
      Placement placement = task.placement().movedTo(target, position(userId, taskId, target, task.placement(), move.anchor()));
      UpdateItemRequest update =
          TaskUpdate.request(
              tableName, userId, taskId, changes, Optional.of(placement), Optional.of(task.version()), now);
      boolean otherList = !target.equals(task.placement().listId());
      if (otherList) {
        update = stillLeaf(update);
      }
      Optional<TransactWriteItem> listCheck = otherList ? listCheck(userId, target) : Optional.empty();
      try {
        List<TransactWriteItem> items = new ArrayList<>(List.of(transactional(update)));
        listCheck.ifPresent(items::add);
        log.commit(userId, items, List.of(taskId), List.of());
        return Optional.of(task.moved(placement, changes, now));
      } catch (TransactionCanceledException e) {
        if (DynamoDbErrors.conditionFailed(e, 1)) {
          throw NotFoundException.noSuchList();
        }
        if (!DynamoDbErrors.conditionFailed(e, 0)) {
          throw DynamoDbErrors.unavailable();
        }
      }
      // The task changed, or was deleted, between the read and the write: the next read tells which.
      if (lostRace(userId, taskId, requiredVersion, attempt)) {
        return Optional.empty();
      }
    }
  }

  /**
   * A move's write to another list, made conditional as well on the task having no sub-task yet: a sub-task
   * created since the task was read raised its count ({@link #parentUpdate}) and fails this write, so a parent never
   * leaves its sub-tasks behind in the old list.
   */
  private static UpdateItemRequest stillLeaf(UpdateItemRequest update) {
    Map<String, String> names = new HashMap<>(update.expressionAttributeNames());
    names.put("#children", TaskItem.CHILDREN);
    return update.toBuilder()
        .conditionExpression(update.conditionExpression() + " AND attribute_not_exists(#children)")
        .expressionAttributeNames(names)
        .build();
  }

  /**
   * The position of a task moved to {@code anchor} in {@code listId}, under its own parent ({@code from}): from its
   * siblings there, read from the by-position index (the moved task itself left out).
   */
  private String position(String userId, String taskId, String listId, Placement from, Move.Anchor anchor) {
    String prefix = TaskItem.positionPrefix(listId, from.parentId());
    if (anchor instanceof Move.Anchor.After(String afterId)) {
      Task after = find(userId, afterId).orElseThrow(Move::afterNotFound);
      if (!after.placement().listId().equals(listId)) {
        throw Move.afterInAnotherList();
      }
      if (!after.placement().parentId().equals(from.parentId())) {
        throw Move.afterUnderAnotherParent();
      }
      Map<String, AttributeValue> start = new HashMap<>(key(userId, afterId));
      start.put(TaskItem.POSITION_SK, AttributeValue.fromS(after.placement().sortKey(afterId)));
      return Move.position(after.placement().position(), neighbours(userId, taskId, prefix, true, start));
    }
    boolean first = anchor instanceof Move.Anchor.First;
    List<String> neighbours = neighbours(userId, taskId, prefix, first, null);
    if (first) {
      return Move.position(null, neighbours);
    }
    return Move.position(neighbours.isEmpty() ? null : neighbours.getFirst(), List.of());
  }

  /**
   * The positions of the first few tasks under {@code prefix} in the by-position index, ascending or descending,
   * after {@code start} when given, without the task {@code taskId}. One Query; eventually consistent, as every
   * read of a global secondary index.
   */
  private List<String> neighbours(
      String userId, String taskId, String prefix, boolean ascending, Map<String, AttributeValue> start) {
    QueryRequest query =
        QueryRequest.builder()
            .tableName(tableName)
            .indexName(TaskItem.BY_POSITION)
            .keyConditionExpression("#pk = :pk AND begins_with(#position_sk, :prefix)")
            .expressionAttributeNames(
                Map.of("#pk", TableKeys.PARTITION_KEY, "#position_sk", TaskItem.POSITION_SK,
                    "#task_id", TaskItem.TASK_ID, "#position", TaskItem.POSITION))
            .expressionAttributeValues(
                Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(userId)), ":prefix", AttributeValue.fromS(prefix)))
            .projectionExpression("#task_id, #position")
            .scanIndexForward(ascending)
            .exclusiveStartKey(start)
            .limit(NEIGHBOURS)
            .build();
    List<String> positions = new ArrayList<>();
    for (Map<String, AttributeValue> item : DynamoDbErrors.call(() -> client.query(query)).items()) {
      String id = item.get(TaskItem.TASK_ID).s();
      if (!id.equals(taskId)) {
        AttributeValue position = item.get(TaskItem.POSITION);
        positions.add(Placement.loaded(userId, id, null, position == null ? null : position.s()).position());
      }
    }
    return positions;
  }

  /**
   * The Update of a new sub-task's parent: {@code ADD children 1}, if the parent is there in the sub-task's list (an
   * item with no {@value TaskItem#LIST_ID}, from before lists, is in the default list). Its version and
   * {@code updated_at} stay: adding a sub-task is not an edit of the parent, and a client's If-Match on it holds.
   */
  private TransactWriteItem parentUpdate(String userId, Placement child) {
    boolean defaultList = child.listId().equals(TaskLists.defaultListId(userId));
    String inList = defaultList ? "(attribute_not_exists(#list_id) OR #list_id = :list_id)" : "#list_id = :list_id";
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tableName)
                .key(key(userId, child.parentId()))
                .updateExpression("ADD #children :one")
                .conditionExpression("attribute_exists(#pk) AND " + inList)
                .expressionAttributeNames(
                    Map.of("#pk", TableKeys.PARTITION_KEY, "#children", TaskItem.CHILDREN, "#list_id", TaskItem.LIST_ID))
                .expressionAttributeValues(
                    Map.of(":one", AttributeValue.fromN("1"), ":list_id", AttributeValue.fromS(child.listId())))
                .build())
        .build();
  }

  /** The check a task's write into {@code listId} needs: none for the default list, which always exists. */
  private Optional<TransactWriteItem> listCheck(String userId, String listId) {
    return listId.equals(TaskLists.defaultListId(userId))
        ? Optional.empty()
        : Optional.of(ListSchema.liveListCheck(tableName, userId, listId));
  }

  /** The task as a write reads it (strongly consistent); under If-Match, a 412 unless it is at that version. */
  private Optional<Task> readForWrite(String userId, String taskId, Optional<Long> requiredVersion) {
    Optional<Task> current = find(userId, taskId);
    if (current.isPresent() && requiredVersion.isPresent() && requiredVersion.get() != current.get().version()) {
      throw stale();
    }
    return current;
  }

  /**
   * After a write refused because the task changed or went since it was read: under If-Match, whether it is gone (a
   * 404) or else a 412; without, false (read and write again) until the last attempt, a 503.
   */
  private boolean lostRace(String userId, String taskId, Optional<Long> requiredVersion, int attempt) {
    if (requiredVersion.isPresent()) {
      if (find(userId, taskId).isEmpty()) {
        return true;
      }
      throw stale();
    }
    if (attempt == ATTEMPTS) {
      throw DynamoDbErrors.unavailable();
    }
    return false;
  }

  /** A task's UpdateItem as an item of a TransactWriteItems. */
  private static TransactWriteItem transactional(UpdateItemRequest update) {
    return TransactWriteItem.builder().update(TaskUpdate.transactional(update)).build();
  }

  private static PreconditionFailedException stale() {
    return new PreconditionFailedException(
        "The task has changed since the version in If-Match; nothing was changed. Read it again.");
  }

  @Override
  public boolean deleteAll(String userId, java.time.Duration budget) {
    return PartitionDeletion.deleteAll(client, tableName, TaskItem.partitionKey(userId), budget);
  }

  /**
   * One TransactWriteItems: the task's Delete, conditional on it being there without sub-tasks (its
   * {@value TaskItem#CHILDREN} count absent or 0: a leaf, the usual case), with its change-log entry. A refusal
   * returns the item as it was (ALL_OLD): none is a missing task; one is a parent, deleted then on the condition
   * that it is there, and its descendants after it ({@link #deleteDescendants}).
   */
  @Override
  public boolean delete(String userId, String taskId) {
    try {
      log.commit(userId, List.of(taskDelete(userId, taskId, true)), List.of(taskId), List.of());
      return true;
    } catch (TransactionCanceledException e) {
      Map<String, AttributeValue> old = e.cancellationReasons().getFirst().item();
      if (old == null || old.isEmpty()) {
        return false;
      }
    }
    try {
      log.commit(userId, List.of(taskDelete(userId, taskId, false)), List.of(taskId), List.of());
    } catch (TransactionCanceledException e) {
      return false; // deleted by a concurrent request since
    }
    deleteDescendants(userId, taskId);
    return true;
  }

  /** The Delete of a task on the condition that it is there (and, when {@code leaf}, has no sub-task). */
  private TransactWriteItem taskDelete(String userId, String taskId, boolean leaf) {
    Delete.Builder delete = Delete.builder()
        .tableName(tableName)
        .key(key(userId, taskId))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (leaf) {
      delete.conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#children) OR #children = :zero)")
          .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY, "#children", TaskItem.CHILDREN))
          .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0")));
    } else {
      delete.conditionExpression("attribute_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY));
    }
    return TransactWriteItem.builder().delete(delete.build()).build();
  }

  /**
   * Deletes every descendant of the task {@code rootId}, itself deleted already, in rounds: a strongly consistent
   * Query of the user's tasks that are sub-tasks (a filter; {@value TaskItem#TASK_ID} and
   * {@value TaskItem#PARENT_ID} only, every page), the descendants found by following parents from the tasks
   * deleted so far, then their deletes with their change-log entries ({@link LoggedTaskDeletion}, up to
   * {@value ChangeLog#MAX_CALLER_ITEMS} a transaction). It stops at the first round that finds none. That proves
   * none is left: a sub-task's create is conditional on its parent existing ({@link #parentUpdate}), so once a task
   * is deleted none can appear under it, and one created before its parent's delete is in every later strongly
   * consistent read. Round trips: the two TransactWriteItems of the root, then per round the Query's pages and one
   * TransactWriteItems per {@value ChangeLog#MAX_CALLER_ITEMS} descendants; a final Query.
   */
  private void deleteDescendants(String userId, String rootId) {
    java.util.Set<String> gone = new java.util.HashSet<>(List.of(rootId));
    while (true) {
      Map<String, String> parents = subTaskParents(userId);
      List<String> found = new ArrayList<>();
      boolean grew = true;
      while (grew) {
        grew = false;
        for (Map.Entry<String, String> child : parents.entrySet()) {
          if (!gone.contains(child.getKey()) && gone.contains(child.getValue())) {
            gone.add(child.getKey());
            found.add(child.getKey());
            grew = true;
          }
        }
      }
      if (found.isEmpty()) {
        return;
      }
      deletions.delete(userId, found);
    }
  }

  /** Each sub-task of the user (its id) with its parent's id: one strongly consistent Query, every page. */
  private Map<String, String> subTaskParents(String userId) {
    QueryRequest query =
        QueryRequest.builder()
            .tableName(tableName)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :tasks)")
            .filterExpression("attribute_exists(#parent_id)")
            .projectionExpression("#task_id, #parent_id")
            .expressionAttributeNames(
                Map.of("#pk", TableKeys.PARTITION_KEY, "#sk", TableKeys.SORT_KEY, "#task_id", TaskItem.TASK_ID,
                    "#parent_id", TaskItem.PARENT_ID))
            .expressionAttributeValues(
                Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(userId)),
                    ":tasks", AttributeValue.fromS(TaskItem.SORT_PREFIX)))
            .consistentRead(true)
            .build();
    return DynamoDbErrors.call(
        () -> {
          Map<String, String> parents = new HashMap<>();
          for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            parents.put(item.get(TaskItem.TASK_ID).s(), item.get(TaskItem.PARENT_ID).s());
          }
          return parents;
        });
  }

  /**
   * One page of the upgrade that puts tasks written before the {@value TaskItem#BY_POSITION} and {@value
   * TaskItem#BY_CREATED} indexes into them: a Scan page of at most {@code limit} items from {@code cursor} (absent:
   * the table's start), of which the task items without {@value TaskItem#POSITION_SK} or without {@value
   * TaskItem#CREATED_SK} (a filter expression) get the keys the schema computes from the item as read ({@link
   * #writePositionKeys}). Nothing else of an item changes: not its version, not {@code updated_at}. Run it until
   * {@link PositionKeyBackfill#next()} is empty; it may be rerun at any time.
   */
  public PositionKeyBackfill backfillPositionKeys(Optional<String> cursor, int limit) {
    ScanRequest.Builder scan = ScanRequest.builder()
        .tableName(tableName)
        .limit(limit)
        .filterExpression(
            "begins_with(#sk, :task) AND (attribute_not_exists(#position_sk) OR attribute_not_exists(#created_sk))")
        .expressionAttributeNames(
            Map.of("#sk", TableKeys.SORT_KEY, "#position_sk", TaskItem.POSITION_SK, "#created_sk", TaskItem.CREATED_SK))
        .expressionAttributeValues(Map.of(":task", AttributeValue.fromS(TaskItem.SORT_PREFIX)));
    cursor.map(PositionKeyBackfill::startKey).ifPresent(scan::exclusiveStartKey);
    ScanRequest request = scan.build();
    ScanResponse page = DynamoDbErrors.call(() -> client.scan(request));
    int written = writePositionKeys(page.items());
    Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
        ? Optional.of(PositionKeyBackfill.cursor(page.lastEvaluatedKey()))
        : Optional.empty();
    return new PositionKeyBackfill(page.items().size(), written, next);
  }

  /** The {@value TaskItem#POSITION_SK} this store writes for {@code task}: what the backfill gives an old item. */
  public static String positionSortKey(Task task) {
    return TaskSchema.positionSortKey(task);
  }

  /** The {@value TaskItem#CREATED_SK} this store writes for {@code task}: what the backfill gives an old item. */
  public static String createdSortKey(Task task) {
    return TaskSchema.createdSortKey(task);
  }

  /**
   * Gives each of these task items, as a Scan read them, its {@value TaskItem#POSITION_SK} and {@value
   * TaskItem#CREATED_SK} where it has none, conditional on the item still being there without one of them: a key
   * a concurrent write set since the Scan (a create, an edit, a move) is newer than the item read here and stays
   * ({@code if_not_exists}), and a task deleted meanwhile is not brought back as a stub. Returns how many were
   * written.
   */
  int writePositionKeys(List<Map<String, AttributeValue>> items) {
    int written = 0;
    for (Map<String, AttributeValue> item : items) {
      Task task = TaskSchema.SCHEMA.mapToItem(item);
      UpdateItemRequest update = UpdateItemRequest.builder()
          .tableName(tableName)
          .key(key(task.userId(), task.id()))
          .updateExpression(
              "SET #position_sk = if_not_exists(#position_sk, :position_sk),"
                  + " #created_sk = if_not_exists(#created_sk, :created_sk)")
          .conditionExpression(
              "attribute_exists(#pk) AND (attribute_not_exists(#position_sk) OR attribute_not_exists(#created_sk))")
          .expressionAttributeNames(
              Map.of("#pk", TableKeys.PARTITION_KEY, "#position_sk", TaskItem.POSITION_SK,
                  "#created_sk", TaskItem.CREATED_SK))
          .expressionAttributeValues(
              Map.of(":position_sk", AttributeValue.fromS(TaskSchema.positionSortKey(task)),
                  ":created_sk", AttributeValue.fromS(TaskSchema.createdSortKey(task))))
          .build();
      try {
        DynamoDbErrors.call(() -> client.updateItem(update));
        written++;
      } catch (ConditionalCheckFailedException e) {
        // Deleted, or given its key by a concurrent write: either way nothing to do.
      }
    }
    return written;
  }

  /**
   * All the user's tasks (the {@code TASK#} range of the partition, which also holds its Idempotency-Key records);
   * or, on the by-completed index, the range of those in one state.
   */
  private static QueryConditional keyCondition(String userId, Optional<Boolean> completed) {
    if (completed.isEmpty()) {
      return QueryConditional.sortBeginsWith(
          Key.builder().partitionValue(TaskItem.partitionKey(userId)).sortValue(TaskItem.SORT_PREFIX).build());
    }
    return QueryConditional.sortBeginsWith(
        Key.builder()
            .partitionValue(TaskItem.partitionKey(userId))
            .sortValue(TaskSchema.completedPrefix(completed.get()))
            .build());
  }

  /**
   * Where the next page starts: the table's key of the last task shown and, on the index, its index key as it was
   * in that listing (the key need not still exist: DynamoDB only uses it as a position).
   */
  private static Map<String, AttributeValue> startKey(String userId, Optional<Boolean> completed, String taskId) {
    Map<String, AttributeValue> key = new HashMap<>(key(userId, taskId));
    completed.ifPresent(
        state ->
            key.put(TaskItem.COMPLETED_SK, AttributeValue.fromS(TaskSchema.completedSortKey(state, taskId))));
    return key;
  }

  private static Map<String, AttributeValue> key(String userId, String taskId) {
    return TaskSchema.key(userId, taskId).keyMap(TaskSchema.SCHEMA, "$PRIMARY_INDEX");
  }
}
