package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.Move;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.Subtree;
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
  /**
   * The index items a move reads next to its anchor: the moved task may be among them, and a tie with the anchor
   * (two tasks created in the same millisecond) is skipped, so one more than the neighbour needed.
   */
  private static final int NEIGHBOURS = 3;
  /** Reads and writes a move (or a delete of a tree) makes before a task that keeps changing under it is a 503. */
  private static final int ATTEMPTS = 3;
  /** A cascade delete's Deletes per TransactWriteItems: DynamoDB's limit, less the change log's items. */
  static final int DELETES_PER_TRANSACTION = Move.TRANSACTION_ITEMS - Move.CHANGE_LOG_ITEMS;

  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbTable<Task> table;
  private final DynamoDbIndex<Task> byCompleted;
  private final TaskQueryReader queries;
  private final ChangeLog log;
  private final TaskTreeWrites tree;

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
    this.tree = new TaskTreeWrites(tableName);
  }

  /**
   * One TransactWriteItems: a ConditionCheck that the owner's user item exists with the owner's id and without
   * {@code closing}, and the task's Put, conditional on its id being new. DynamoDB applies both or neither, and
   * serializes the transaction with the account deletion's writes: a create either lands before the deletion
   * marks the account closing (and the deletion's sweep, which comes after, finds it) or is refused. A task for a
   * list other than the default one adds an item, the list's {@link ListSchema#liveListCheck}: the same
   * reasoning holds against the list's deletion. A sub-task adds one more, the Update raising its parent's
   * {@value TaskItem#CHILDREN} count ({@link TaskTreeWrites#parentUpdate}), conditional on the parent still being
   * there in the sub-task's list: so no sub-task is written under a parent deleted (or moved away) since it was
   * read, and a parent's delete knows from its own item whether it may have sub-tasks.
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
      items.add(tree.parentUpdate(task.userId(), task.placement()));
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
   * A strongly consistent read of the task ({@link #readForWrite}), then one TransactWriteItems: the edit ({@link
   * TaskUpdate}), conditional on the version read, with its change-log entry ({@link ChangeLog}). A transaction returns no values,
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
      Update update =
          TaskUpdate.request(
              tableName, userId, taskId, task.written(changes, now), Optional.empty(), Optional.of(task.version()),
              now);
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
   * Reads, all strongly consistent: a GetItem of the task; of the new parent and its ancestors up to the top level
   * (at most {@value Placement#MAX_LEVELS} - 1, for the cycle check) when it changes parents; of the task named in
   * {@code after}; one Query of the by-position index for the neighbours (at most {@value #NEIGHBOURS} items); and,
   * when a task that has (or had) sub-tasks changes lists or depth, the Query of the owner's sub-tasks
   * ({@link #subTasks}) for its subtree. Then one write, conditional on everything read that it depends on, with its change-log
   * entry ({@link ChangeLog}): one TransactWriteItems ({@link #moveItems}) of the task, its subtree's sub-tasks,
   * the target list's check, the new parent's count and its ancestors' checks. All or nothing: a concurrent change
   * to any of them cancels it and the move starts over ({@value #ATTEMPTS} attempts), or, under If-Match when the
   * task itself changed, is a 412.
   *
   * <p>The index is eventually consistent: a neighbour it shows stale (moved a moment ago) can put this task one
   * place off the order the client meant, never lose or duplicate a task (each task's key is written only with its
   * own item, and the task id in the key breaks ties).
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
      Placement from = task.placement();
      Optional<Task> newParent =
          move.newParent(taskId, from).map(id -> find(userId, id).orElseThrow(NotFoundException::noSuchParent));
      Move.Destination to = move.destination(task, newParent);
      List<Task> ancestors = newParent.isPresent() ? ancestors(userId, newParent.get()) : List.of();
      Move.checkNoCycle(taskId, ids(ancestors));
      if (move.keepsPlace(from)) {
        return update(userId, taskId, changes, requiredVersion, now);
      }
      Placement placement = to.at(position(userId, taskId, to, move.anchor()), from.children());
      boolean rewritesSubtree = !to.listId().equals(from.listId()) || to.depth() != from.depth();
      Subtree subtree = rewritesSubtree && from.children() > 0
          ? Subtree.of(taskId, subTasks(userId))
          : new Subtree(taskId, List.of());
      Move.checkSubtree(to, subtree);
      Update update =
          TaskUpdate.request(
              tableName, userId, taskId, task.written(changes, now), Optional.of(placement),
              Optional.of(task.version()), now);
      if (rewritesSubtree) {
        update = sameChildren(update, from.children());
      }
      MoveItems items = moveItems(userId, update, from, to, newParent, ancestors, subtree, now);
      try {
        List<String> moved = new ArrayList<>(List.of(taskId));
        for (Subtree.Member member : subtree.members()) {
          moved.add(member.task().id());
        }
        log.commit(userId, items.items(), moved, List.of());
        return Optional.of(task.moved(placement, changes, now));
      } catch (TransactionCanceledException e) {
        if (items.listCheck() >= 0 && DynamoDbErrors.conditionFailed(e, items.listCheck())) {
          throw NotFoundException.noSuchList();
        }
        boolean anyCondition = false;
        for (int i = 0; i < items.items().size(); i++) {
          anyCondition |= DynamoDbErrors.conditionFailed(e, i);
        }
        if (!anyCondition) {
          throw DynamoDbErrors.unavailable(); // a conflicting transaction or throttling: nothing was written
        }
        if (!DynamoDbErrors.conditionFailed(e, 0)) {
          // Another task of the move changed (a sub-task, the new parent or an ancestor of it): read again.
          if (attempt == ATTEMPTS) {
            throw DynamoDbErrors.unavailable();
          }
          continue;
        }
      }
      // The task changed (its version, or a sub-task came under it), or was deleted, between the read and the
      // write: the next read tells which (a 412 under If-Match when its version changed).
      if (requiredVersion.isPresent()) {
        Optional<Task> again = find(userId, taskId);
        if (again.isEmpty()) {
          return Optional.empty();
        }
        if (again.get().version() != requiredVersion.get()) {
          throw stale();
        }
      }
      if (attempt == ATTEMPTS) {
        throw DynamoDbErrors.unavailable();
      }
    }
  }

  /**
   * The items of a move's write, the moved task's first: its {@code update}; the target list's check when it
   * changes lists to one other than the default; the new parent's count ({@link TaskTreeWrites#newParentUpdate})
   * and a {@link TaskTreeWrites#linkCheck} of each of its {@code ancestors} but itself; then each sub-task of
   * {@code subtree} ({@link TaskTreeWrites#subtreeMember}).
   */
  private MoveItems moveItems(
      String userId, Update update, Placement from, Move.Destination to, Optional<Task> newParent,
      List<Task> ancestors, Subtree subtree, Instant now) {
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(transactional(update));
    int listCheck = -1;
    Optional<TransactWriteItem> check =
        to.listId().equals(from.listId()) ? Optional.empty() : listCheck(userId, to.listId());
    if (check.isPresent()) {
      listCheck = items.size();
      items.add(check.get());
    }
    if (newParent.isPresent()) {
      items.add(tree.newParentUpdate(userId, to.at("", 0), newParent.get()));
      for (Task ancestor : ancestors.subList(1, ancestors.size())) {
        items.add(tree.linkCheck(userId, ancestor));
      }
    }
    for (Subtree.Member member : subtree.members()) {
      items.add(tree.subtreeMember(userId, member, to, now));
    }
    return new MoveItems(items, listCheck);
  }

  /**
   * The ids of {@code tasks}, in order. A loop, not a stream: a move's cold start would load the stream pipeline's
   * node classes (about 15) for it.
   */
  private static List<String> ids(List<Task> tasks) {
    List<String> ids = new ArrayList<>(tasks.size());
    for (Task task : tasks) {
      ids.add(task.id());
    }
    return ids;
  }

  /** A move's transaction items, and the index of the target list's check among them (-1: none). */
  private record MoveItems(List<TransactWriteItem> items, int listCheck) {}

  /**
   * The task {@code parent} and its ancestors up to the top level, nearest first: strongly consistent GetItems,
   * at most {@value Placement#MAX_LEVELS} - 1 (the parent's depth). An ancestor gone means the parent's tree is
   * being deleted: a 404, as for the parent itself.
   */
  private List<Task> ancestors(String userId, Task parent) {
    List<Task> chain = new ArrayList<>(List.of(parent));
    while (!chain.getLast().placement().topLevel() && chain.size() <= Placement.MAX_LEVELS) {
      chain.add(find(userId, chain.getLast().placement().parentId()).orElseThrow(NotFoundException::noSuchParent));
    }
    return chain;
  }

  /**
   * A move's write to another list or depth, made conditional as well on the task's {@value TaskItem#CHILDREN}
   * count being the one read: a sub-task created (or moved) under it since raised the count and fails this write,
   * so a parent never leaves a sub-task behind that its subtree read did not see.
   */
  private static Update sameChildren(Update update, long children) {
    Map<String, String> names = new HashMap<>(update.expressionAttributeNames());
    Map<String, AttributeValue> values = new HashMap<>(update.expressionAttributeValues());
    names.put("#children", TaskItem.CHILDREN);
    return update.toBuilder()
        .conditionExpression(update.conditionExpression() + " AND " + TaskTreeWrites.sameChildren(children, values))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
  }

  /**
   * The position of a task moved to {@code anchor} among its siblings at {@code to}: from them, read from the
   * by-position index (the moved task itself left out).
   */
  private String position(String userId, String taskId, Move.Destination to, Move.Anchor anchor) {
    String prefix = TaskItem.positionPrefix(to.listId(), to.parentId());
    if (anchor instanceof Move.Anchor.After(String afterId)) {
      Task after = find(userId, afterId).orElseThrow(Move::afterNotFound);
      if (!after.placement().listId().equals(to.listId())) {
        throw Move.afterInAnotherList();
      }
      if (!after.placement().parentId().equals(to.parentId())) {
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

  /** The check a task's write into {@code listId} needs: none for the default list, which always exists. */
  private Optional<TransactWriteItem> listCheck(String userId, String listId) {
    return listId.equals(TaskLists.defaultListId(userId))
        ? Optional.empty()
        : Optional.of(ListSchema.liveListCheck(tableName, userId, listId));
  }

  /**
   * The task as a write reads it (strongly consistent, with the account's change-log counter: {@link
   * ChangeLog#readForWrite}); under If-Match, a 412 unless it is at that version.
   */
  private Optional<Task> readForWrite(String userId, String taskId, Optional<Long> requiredVersion) {
    Map<String, AttributeValue> item = log.readForWrite(userId, key(userId, taskId));
    Optional<Task> current = item.isEmpty() ? Optional.empty() : Optional.of(TaskSchema.SCHEMA.mapToItem(item));
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

  /** A task's Update as an item of a TransactWriteItems. */
  private static TransactWriteItem transactional(Update update) {
    return TransactWriteItem.builder().update(update).build();
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
   * returns the item as it was (ALL_OLD): none is a missing task (false); one is a task that has (or had)
   * sub-tasks, whose tree is then deleted bottom up ({@link #deleteTree}).
   */
  @Override
  public boolean delete(String userId, String taskId) {
    for (int attempt = 1; ; attempt++) {
      long children;
      try {
        log.commit(userId, List.of(leafDelete(userId, taskId)), List.of(taskId), List.of());
        return true;
      } catch (TransactionCanceledException e) {
        Map<String, AttributeValue> old = DynamoDbErrors.refusedItem(e, 0);
        if (old.isEmpty()) {
          return false; // absent (or another delete of it finished first)
        }
        children = number(old, TaskItem.CHILDREN);
      }
      if (deleteTree(userId, taskId, children)) {
        return true;
      }
      if (attempt == ATTEMPTS) {
        throw DynamoDbErrors.unavailable(); // a tree that keeps changing; a retried DELETE continues
      }
    }
  }

  /**
   * Deletes the task {@code rootId}, whose count was {@code children}, with every descendant the Query of the
   * owner's sub-tasks ({@link #subTasks}) finds under it: deepest first, in TransactWriteItems of at most
   * {@value #DELETES_PER_TRANSACTION} Deletes, the root in the last, each with the change-log entry naming the tasks
   * it deletes. Each Delete is conditional on the task's parent and count being as read
   * ({@link TaskTreeWrites#deleteMember}, {@link TaskTreeWrites#deleteRoot}), so a sub-task created or moved into the
   * tree since the read cancels its transaction (false: read again) rather than being orphaned. Crash-safe: every
   * transaction deletes only tasks whose sub-tasks are deleted already (or in the same transaction), so what an
   * interruption leaves is still one tree under the root, readable and whole, and a retried DELETE finishes it. A
   * tree of up to {@value #DELETES_PER_TRANSACTION} tasks goes at once.
   */
  private boolean deleteTree(String userId, String rootId, long children) {
    List<TransactWriteItem> deletes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Subtree.Member member : Subtree.of(rootId, subTasks(userId)).deepestFirst()) {
      deletes.add(tree.deleteMember(userId, member.task()));
      ids.add(member.task().id());
    }
    deletes.add(tree.deleteRoot(userId, rootId, children));
    ids.add(rootId);
    for (int from = 0; from < deletes.size(); from += DELETES_PER_TRANSACTION) {
      int to = Math.min(deletes.size(), from + DELETES_PER_TRANSACTION);
      try {
        log.commit(userId, deletes.subList(from, to), ids.subList(from, to), List.of());
      } catch (TransactionCanceledException e) {
        return false;
      }
    }
    return true;
  }

  /** The Delete of a leaf: on the condition that the task is there without sub-tasks; ALL_OLD when refused. */
  private TransactWriteItem leafDelete(String userId, String taskId) {
    return TransactWriteItem.builder()
        .delete(
            Delete.builder()
                .tableName(tableName)
                .key(key(userId, taskId))
                .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#children) OR #children = :zero)")
                .expressionAttributeNames(Map.of("#pk", TableKeys.PARTITION_KEY, "#children", TaskItem.CHILDREN))
                .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build())
        .build();
  }

  /**
   * Each sub-task of the user, with its parent, version, count and position: one strongly consistent Query of the
   * user's tasks filtered to sub-tasks (every page), so a sub-task whose create was acknowledged is in it (the
   * by-position index is eventually consistent, and is not used).
   */
  private List<Subtree.SubTask> subTasks(String userId) {
    QueryRequest query =
        QueryRequest.builder()
            .tableName(tableName)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :tasks)")
            .filterExpression("attribute_exists(#parent_id)")
            .projectionExpression("#task_id, #parent_id, #version, #children, #position")
            .expressionAttributeNames(
                Map.of("#pk", TableKeys.PARTITION_KEY, "#sk", TableKeys.SORT_KEY, "#task_id", TaskItem.TASK_ID,
                    "#parent_id", TaskItem.PARENT_ID, "#version", TaskItem.VERSION, "#children", TaskItem.CHILDREN,
                    "#position", TaskItem.POSITION))
            .expressionAttributeValues(
                Map.of(":pk", AttributeValue.fromS(TaskItem.partitionKey(userId)),
                    ":tasks", AttributeValue.fromS(TaskItem.SORT_PREFIX)))
            .consistentRead(true)
            .build();
    return DynamoDbErrors.call(
        () -> {
          List<Subtree.SubTask> subTasks = new ArrayList<>();
          for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            String id = item.get(TaskItem.TASK_ID).s();
            AttributeValue position = item.get(TaskItem.POSITION);
            subTasks.add(new Subtree.SubTask(id, item.get(TaskItem.PARENT_ID).s(), number(item, TaskItem.VERSION),
                number(item, TaskItem.CHILDREN),
                Placement.loaded(userId, id, null, position == null ? null : position.s()).position()));
          }
          return subTasks;
        });
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? 0 : Long.parseLong(value.n());
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
