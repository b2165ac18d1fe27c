package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.IdempotentAnswer;
import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.schema.IdempotencyItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link IdempotencyStore} on the API's table, in the user's own partition: {@code pk = USER#<user id>} (the tasks'
 * partition, {@link TaskSchema#partitionKey}), {@code sk = IDEMPOTENCY#<key>}, holding only the request fingerprint,
 * the task id, the state and {@code expires_at} (epoch seconds), never the task's text; a {@code POST /batch} key's
 * record holds no task id and, once complete, the batch's answer ({@link IdempotencyItem#ANSWER}), which has the
 * caller's own tasks in it, in the caller's own partition. Deleting an account sweeps
 * the partition, so its records go with its tasks. The table's TTL deletes expired records in AWS, some time
 * after they expire; every claim also compares {@code expires_at} with the clock, so expiry is exact,
 * and is enforced on dynalite too (which has no TTL).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
  private final DynamoDbClient client;
  private final String tableName;

  public DynamoDbIdempotencyStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  @Override
  public Optional<IdempotentRequest> claim(IdempotentRequest pending, Instant now) {
    return claim(item(pending), now).map(held -> request(pending.userId(), pending.key(), held));
  }

  @Override
  public Optional<IdempotentAnswer> claimAnswer(IdempotentAnswer pending, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(key(pending.userId(), pending.key()));
    item.put(IdempotencyItem.REQUEST_HASH, AttributeValue.fromS(pending.requestHash()));
    item.put(IdempotencyItem.STATE, AttributeValue.fromS(IdempotencyItem.PENDING));
    item.put(IdempotencyItem.EXPIRES_AT, epochSeconds(pending.expiresAt()));
    return claim(item, now)
        .map(held -> new IdempotentAnswer(
            pending.userId(),
            pending.key(),
            held.get(IdempotencyItem.REQUEST_HASH).s(),
            Optional.ofNullable(held.get(IdempotencyItem.ANSWER)).map(answer -> answer.b().asByteArray()),
            expiresAt(held)));
  }

  /** Puts {@code item} unless an unexpired record holds its key; empty when it did, else that record. */
  private Optional<Map<String, AttributeValue>> claim(Map<String, AttributeValue> item, Instant now) {
    PutItemRequest put =
        PutItemRequest.builder()
            .tableName(tableName)
            .item(item)
            .conditionExpression("attribute_not_exists(pk) OR #expires_at <= :now")
            .expressionAttributeNames(Map.of("#expires_at", IdempotencyItem.EXPIRES_AT))
            .expressionAttributeValues(Map.of(":now", epochSeconds(now)))
            // A refusal carries the record that holds the key: no read (nor dynamodb:GetItem) to learn it.
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    try {
      DynamoDbErrors.call(() -> client.putItem(put));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      if (e.item().isEmpty()) {
        // The condition fails only on a stored, unexpired record, which ALL_OLD returns.
        throw new IllegalStateException("DynamoDB refused an Idempotency-Key claim without the record holding it", e);
      }
      return Optional.of(e.item());
    }
  }

  private static IdempotentRequest request(String userId, String key, Map<String, AttributeValue> item) {
    String requestHash = item.get(IdempotencyItem.REQUEST_HASH).s();
    boolean completed = IdempotencyItem.COMPLETE.equals(item.get(IdempotencyItem.STATE).s());
    AttributeValue taskId = item.get(IdempotencyItem.TASK_ID);
    if (taskId == null) {
      return IdempotentRequest.ofBatch(userId, key, requestHash, completed, expiresAt(item));
    }
    AttributeValue createdAt = item.get(IdempotencyItem.TASK_CREATED_AT);
    return new IdempotentRequest(
        userId,
        key,
        requestHash,
        taskId.s(),
        createdAt != null ? Instant.parse(createdAt.s()) : TaskIds.createdAt(taskId.s()),
        completed,
        expiresAt(item));
  }

  private static Instant expiresAt(Map<String, AttributeValue> item) {
    return Instant.ofEpochSecond(Long.parseLong(item.get(IdempotencyItem.EXPIRES_AT).n()));
  }

  @Override
  public void complete(String userId, String key) {
    complete(
        userId,
        key,
        "SET #state = :complete",
        Map.of("#state", IdempotencyItem.STATE),
        Map.of(":complete", AttributeValue.fromS(IdempotencyItem.COMPLETE)));
  }

  @Override
  public void completeAnswer(String userId, String key, byte[] answer, Instant expiresAt) {
    complete(
        userId,
        key,
        "SET #state = :complete, #answer = :answer, #expires_at = :expires_at",
        Map.of(
            "#state", IdempotencyItem.STATE,
            "#answer", IdempotencyItem.ANSWER,
            "#expires_at", IdempotencyItem.EXPIRES_AT),
        Map.of(
            ":complete", AttributeValue.fromS(IdempotencyItem.COMPLETE),
            ":answer", AttributeValue.fromB(SdkBytes.fromByteArray(answer)),
            ":expires_at", epochSeconds(expiresAt)));
  }

  private void complete(
      String userId,
      String key,
      String updateExpression,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    UpdateItemRequest update =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(key(userId, key))
            .updateExpression(updateExpression)
            // A record the TTL (or the account's deletion) removed meanwhile stays removed, not back as a stub.
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .build();
    try {
      DynamoDbErrors.call(() -> client.updateItem(update));
    } catch (ConditionalCheckFailedException e) {
      // Expired and deleted: nothing left to complete.
    }
  }

  private static Map<String, AttributeValue> key(String userId, String key) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(IdempotencyItem.SORT_PREFIX + key));
  }

  private static Map<String, AttributeValue> item(IdempotentRequest request) {
    Map<String, AttributeValue> item = new HashMap<>(key(request.userId(), request.key()));
    item.put(IdempotencyItem.REQUEST_HASH, AttributeValue.fromS(request.requestHash()));
    item.put(IdempotencyItem.TASK_ID, AttributeValue.fromS(request.taskId()));
    item.put(IdempotencyItem.TASK_CREATED_AT, AttributeValue.fromS(request.taskCreatedAt().toString()));
    item.put(
        IdempotencyItem.STATE,
        AttributeValue.fromS(request.completed() ? IdempotencyItem.COMPLETE : IdempotencyItem.PENDING));
    item.put(IdempotencyItem.EXPIRES_AT, epochSeconds(request.expiresAt()));
    return item;
  }

  private static AttributeValue epochSeconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }
}
