package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.IdempotentRequest;
import dev.taskapi.domain.Task;
import dev.taskapi.store.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link IdempotencyStore} on the API's table: {@code pk = IDEMPOTENCY#<user id>#<key>}, {@code sk = IDEMPOTENCY},
 * holding the request fingerprint, the task to create and {@code expires_at} (epoch seconds). The table's TTL
 * deletes expired records in AWS, some time after they expire; every claim also compares {@code expires_at} with
 * the clock, so expiry is exact, and is enforced on dynalite too (which has no TTL).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
  static final String EXPIRES_AT = "expires_at";
  private static final String SORT_KEY = "IDEMPOTENCY";
  private static final String PENDING = "pending";
  private static final String COMPLETE = "complete";

  private final DynamoDbClient client;
  private final String tableName;

  public DynamoDbIdempotencyStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  @Override
  public Optional<IdempotentRequest> claim(IdempotentRequest pending, Instant now) {
    PutItemRequest put =
        PutItemRequest.builder()
            .tableName(tableName)
            .item(item(pending))
            .conditionExpression("attribute_not_exists(pk) OR #expires_at <= :now")
            .expressionAttributeNames(Map.of("#expires_at", EXPIRES_AT))
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
      return Optional.of(request(pending.key(), e.item()));
    }
  }

  private static IdempotentRequest request(String key, Map<String, AttributeValue> item) {
    Task task =
        new Task(
            item.get("task_id").s(),
            item.get("user_id").s(),
            item.get("title").s(),
            item.get("description").s(),
            Instant.parse(item.get("created_at").s()));
    return new IdempotentRequest(
        key,
        item.get("request_hash").s(),
        task,
        COMPLETE.equals(item.get("state").s()),
        Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
  }

  @Override
  public void complete(String userId, String key) {
    UpdateItemRequest update =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(key(userId, key))
            .updateExpression("SET #state = :complete")
            // A record the TTL removed meanwhile stays removed rather than coming back as a stub.
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeNames(Map.of("#state", "state"))
            .expressionAttributeValues(Map.of(":complete", AttributeValue.fromS(COMPLETE)))
            .build();
    try {
      DynamoDbErrors.call(() -> client.updateItem(update));
    } catch (ConditionalCheckFailedException e) {
      // Expired and deleted: nothing left to complete.
    }
  }

  private static Map<String, AttributeValue> key(String userId, String key) {
    return Map.of(
        "pk", AttributeValue.fromS("IDEMPOTENCY#" + userId + "#" + key), "sk", AttributeValue.fromS(SORT_KEY));
  }

  private static Map<String, AttributeValue> item(IdempotentRequest request) {
    Task task = request.task();
    Map<String, AttributeValue> item = new HashMap<>(key(request.userId(), request.key()));
    item.put("user_id", AttributeValue.fromS(request.userId()));
    item.put("request_hash", AttributeValue.fromS(request.requestHash()));
    item.put("state", AttributeValue.fromS(request.completed() ? COMPLETE : PENDING));
    item.put(EXPIRES_AT, epochSeconds(request.expiresAt()));
    item.put("task_id", AttributeValue.fromS(task.id()));
    item.put("title", AttributeValue.fromS(task.title()));
    item.put("description", AttributeValue.fromS(task.description()));
    item.put("created_at", AttributeValue.fromS(task.createdAt().toString()));
    return item;
  }

  private static AttributeValue epochSeconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }
}
