package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Webhook;
import dev.taskapi.domain.WebhookEvents;
import dev.taskapi.schema.WebhookItem;
import dev.taskapi.store.WebhookStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link WebhookStore} on the API's table: webhook items in their owner's partition ({@link WebhookItem}), so the
 * account's deletion, which deletes the partition, deletes them, and every read is one GetItem or one Query of the
 * {@code WEBHOOK#} range. Writes are transactions with the account's webhook counter, so the limit holds under
 * concurrent creates. Webhooks are not synced objects: no change-log entry.
 */
public final class DynamoDbWebhookStore implements WebhookStore {
  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbTable<Webhook> table;

  public DynamoDbWebhookStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
    this.table = DynamoDbClients.table(client, tableName, WebhookSchema.SCHEMA);
  }

  /**
   * One TransactWriteItems: the account's ConditionCheck (as a list's create), the counter's increment on the
   * condition that it is below the limit, and the webhook's Put on the condition that its id is new.
   */
  @Override
  public void create(Webhook webhook, String ownerEmail) {
    List<TransactWriteItem> items =
        List.of(
            UserSchema.openAccountCheck(tableName, ownerEmail, webhook.userId()),
            counted(webhook.userId(), ":one", "attribute_not_exists(#count) OR #count < :max",
                Map.of(":max", AttributeValue.fromN(Integer.toString(WebhookEvents.MAX_PER_ACCOUNT)))),
            TransactWriteItem.builder()
                .put(
                    Put.builder()
                        .tableName(tableName)
                        .item(WebhookSchema.SCHEMA.itemToMap(webhook, true))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build());
    try {
      transact(items);
    } catch (TransactionCanceledException e) {
      if (DynamoDbErrors.conditionFailed(e, 0)) {
        throw new NotFoundException("This account no longer exists.");
      }
      if (DynamoDbErrors.conditionFailed(e, 1)) {
        throw new ConflictException(
            "An account has at most " + WebhookEvents.MAX_PER_ACCOUNT + " webhooks; delete one first.");
      }
      // A server id (a UUIDv7) is never taken but by this very create, retried by the SDK after it landed.
      if (DynamoDbErrors.conditionFailed(e, 2)) {
        return;
      }
      throw DynamoDbErrors.unavailable();
    }
  }

  /** One Query of the {@code WEBHOOK#} range (at most 10 items: one page), sorted by creation time, then id. */
  @Override
  public List<Webhook> all(String userId) {
    Page<Webhook> page = OwnerRange.firstPage(table, userId, WebhookItem.SORT_PREFIX);
    List<Webhook> webhooks = new ArrayList<>(page.items());
    webhooks.sort(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id));
    return webhooks;
  }

  @Override
  public Optional<Webhook> find(String userId, String webhookId) {
    GetItemEnhancedRequest get =
        GetItemEnhancedRequest.builder().key(WebhookSchema.key(userId, webhookId)).consistentRead(true).build();
    return Optional.ofNullable(DynamoDbErrors.call(() -> table.getItem(get)));
  }

  /** One TransactWriteItems: the webhook's Delete, conditional on its existence, and the counter's decrement. */
  @Override
  public boolean delete(String userId, String webhookId) {
    List<TransactWriteItem> items =
        List.of(
            TransactWriteItem.builder()
                .delete(
                    Delete.builder()
                        .tableName(tableName)
                        .key(WebhookSchema.keyMap(userId, webhookId))
                        .conditionExpression("attribute_exists(pk)")
                        .build())
                .build(),
            counted(userId, ":minus", "attribute_exists(#count)", Map.of()));
    try {
      transact(items);
      return true;
    } catch (TransactionCanceledException e) {
      if (DynamoDbErrors.conditionFailed(e, 0)) {
        return false;
      }
      throw DynamoDbErrors.unavailable();
    }
  }

  /**
   * One UpdateItem, conditional on the webhook's existence, answering with the item as written. A resend of a lost
   * answer counts the attempt twice: the counts are what an operator reads, not what anything decides on but the
   * disabling, which a second count only brings one attempt nearer.
   */
  @Override
  public Optional<Webhook> recordFailure(
      String userId, String webhookId, String error, Instant at, boolean deadLettered) {
    Map<String, AttributeValue> values = new java.util.HashMap<>();
    values.put(":error", AttributeValue.fromS(error));
    values.put(":at", AttributeValue.fromS(at.toString()));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    Map<String, String> names = new java.util.HashMap<>(Map.of(
        "#error", WebhookItem.LAST_ERROR, "#at", WebhookItem.LAST_ERROR_AT, "#run", WebhookItem.CONSECUTIVE_FAILURES));
    String update = "SET #error = :error, #at = :at, #run = if_not_exists(#run, :zero) + :one";
    if (deadLettered) {
      names.put("#failures", WebhookItem.FAILURE_COUNT);
      update += ", #failures = if_not_exists(#failures, :zero) + :one";
    }
    String expression = update;
    return updateIfExists(userId, webhookId, expression, "attribute_exists(pk)", names, values)
        .map(WebhookSchema.SCHEMA::mapToItem);
  }

  @Override
  public void disable(String userId, String webhookId, Instant at) {
    updateIfExists(userId, webhookId, "SET #disabled = :at", "attribute_exists(pk) AND attribute_not_exists(#disabled)",
        Map.of("#disabled", WebhookItem.DISABLED_AT), Map.of(":at", AttributeValue.fromS(at.toString())));
  }

  @Override
  public void recordDelivery(String userId, String webhookId) {
    updateIfExists(userId, webhookId, "SET #run = :zero REMOVE #disabled", "attribute_exists(pk)",
        Map.of("#run", WebhookItem.CONSECUTIVE_FAILURES, "#disabled", WebhookItem.DISABLED_AT),
        Map.of(":zero", AttributeValue.fromN("0")));
  }

  /** The item as {@code update} left it; empty when {@code condition} refused it (nothing written). */
  private Optional<Map<String, AttributeValue>> updateIfExists(String userId, String webhookId, String update,
      String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    try {
      return Optional.of(DynamoDbErrors.call(() -> client.updateItem(r -> r
          .tableName(tableName)
          .key(WebhookSchema.keyMap(userId, webhookId))
          .updateExpression(update)
          .conditionExpression(condition)
          .expressionAttributeNames(names)
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW))).attributes());
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  /** The counter's Update by {@code step} (:one or :minus), under {@code condition}. */
  private TransactWriteItem counted(
      String userId, String step, String condition, Map<String, AttributeValue> extraValues) {
    Map<String, AttributeValue> values = new java.util.HashMap<>(extraValues);
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(step, AttributeValue.fromN(step.equals(":one") ? "1" : "-1"));
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(tableName)
                .key(WebhookSchema.counterKey(userId))
                .updateExpression("SET #count = if_not_exists(#count, :zero) + " + step)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#count", WebhookItem.COUNT))
                .expressionAttributeValues(values)
                .build())
        .build();
  }

  private void transact(List<TransactWriteItem> items) {
    DynamoDbErrors.call(
        () -> client.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build()));
  }
}
