package dev.taskapi.store.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.taskapi.domain.Webhook;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.schema.WebhookItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The webhook item ({@link WebhookItem}): {@code pk = USER#<user id>}, {@code sk = WEBHOOK#<webhook id>}, mapped to
 * a {@link Webhook}; the absent optional attributes (description, the last error, disabled_at) are not written.
 * Items written before the deliverer existed have no consecutive_failures: 0.
 */
final class WebhookSchema {
  static final TableSchema<Webhook> SCHEMA =
      StaticImmutableTableSchema.builder(Webhook.class, Builder.class)
          .newItemBuilder(Builder::new, Builder::build)
          .addAttribute(
              String.class,
              a -> a.name(TableKeys.PARTITION_KEY).getter(w -> TaskItem.partitionKey(w.userId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
          .addAttribute(
              String.class,
              a -> a.name(TableKeys.SORT_KEY).getter(w -> WebhookItem.sortKey(w.id())).setter((b, v) -> {}).tags(primarySortKey()))
          .addAttribute(String.class, a -> a.name(WebhookItem.WEBHOOK_ID).getter(Webhook::id).setter(Builder::id))
          .addAttribute(String.class, a -> a.name(WebhookItem.USER_ID).getter(Webhook::userId).setter(Builder::userId))
          .addAttribute(String.class, a -> a.name(WebhookItem.URL).getter(Webhook::url).setter(Builder::url))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a -> a.name(WebhookItem.EVENTS).getter(Webhook::events).setter(Builder::events))
          .addAttribute(
              String.class,
              a -> a.name(WebhookItem.DESCRIPTION).getter(w -> w.description().orElse(null)).setter(Builder::description))
          .addAttribute(String.class, a -> a.name(WebhookItem.SECRET).getter(Webhook::secret).setter(Builder::secret))
          .addAttribute(Instant.class, a -> a.name(WebhookItem.CREATED_AT).getter(Webhook::createdAt).setter(Builder::createdAt))
          .addAttribute(
              Long.class, a -> a.name(WebhookItem.FAILURE_COUNT).getter(Webhook::failureCount).setter(Builder::failureCount))
          .addAttribute(
              String.class,
              a -> a.name(WebhookItem.LAST_ERROR).getter(w -> w.lastError().orElse(null)).setter(Builder::lastError))
          .addAttribute(
              Instant.class,
              a -> a.name(WebhookItem.LAST_ERROR_AT).getter(w -> w.lastErrorAt().orElse(null)).setter(Builder::lastErrorAt))
          .addAttribute(
              Long.class,
              a -> a.name(WebhookItem.CONSECUTIVE_FAILURES).getter(Webhook::consecutiveFailures)
                  .setter(Builder::consecutiveFailures))
          .addAttribute(
              Instant.class,
              a -> a.name(WebhookItem.DISABLED_AT).getter(w -> w.disabledAt().orElse(null)).setter(Builder::disabledAt))
          .build();

  private WebhookSchema() {}

  static Key key(String userId, String webhookId) {
    return Key.builder().partitionValue(TaskItem.partitionKey(userId)).sortValue(WebhookItem.sortKey(webhookId)).build();
  }

  static Map<String, AttributeValue> keyMap(String userId, String webhookId) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(WebhookItem.sortKey(webhookId)));
  }

  /** The account's webhook counter ({@link WebhookItem#COUNTER_SORT_KEY}), beside its webhooks. */
  static Map<String, AttributeValue> counterKey(String userId) {
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(TaskItem.partitionKey(userId)),
        TableKeys.SORT_KEY, AttributeValue.fromS(WebhookItem.COUNTER_SORT_KEY));
  }

  /** The enhanced client's immutable-item builder; the key attributes are derived, so their setters ignore. */
  static final class Builder {
    private String id;
    private String userId;
    private String url;
    private List<String> events;
    private String description;
    private String secret;
    private Instant createdAt;
    private Long failureCount;
    private String lastError;
    private Instant lastErrorAt;
    private Long consecutiveFailures;
    private Instant disabledAt;

    void id(String value) {
      id = value;
    }

    void userId(String value) {
      userId = value;
    }

    void url(String value) {
      url = value;
    }

    void events(List<String> value) {
      events = value;
    }

    void description(String value) {
      description = value;
    }

    void secret(String value) {
      secret = value;
    }

    void createdAt(Instant value) {
      createdAt = value;
    }

    void failureCount(Long value) {
      failureCount = value;
    }

    void lastError(String value) {
      lastError = value;
    }

    void lastErrorAt(Instant value) {
      lastErrorAt = value;
    }

    void consecutiveFailures(Long value) {
      consecutiveFailures = value;
    }

    void disabledAt(Instant value) {
      disabledAt = value;
    }

    Webhook build() {
      return new Webhook(id, userId, url, events == null ? List.of() : events, Optional.ofNullable(description), secret,
          createdAt, failureCount == null ? 0 : failureCount, Optional.ofNullable(lastError),
          Optional.ofNullable(lastErrorAt), consecutiveFailures == null ? 0 : consecutiveFailures,
          Optional.ofNullable(disabledAt));
    }
  }
}
