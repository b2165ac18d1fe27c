package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.User;
import dev.taskapi.schema.UserItem;
import dev.taskapi.store.UserStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** {@link UserStore} on the API's DynamoDB table; see {@link UserSchema} for the key design. */
public final class DynamoDbUserStore implements UserStore {
  private static final Expression NOT_REGISTERED =
      Expression.builder().expression("attribute_not_exists(pk)").build();

  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbTable<User> table;

  public DynamoDbUserStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
    this.table = DynamoDbClients.table(client, tableName, UserSchema.SCHEMA);
  }

  @Override
  public Optional<User> changePassword(User user, String newPasswordHash) {
    UpdateItemRequest request = request(user.email(), update -> update
        .updateExpression("SET password_hash = :new, #version = if_not_exists(#version, :zero) + :one")
        .conditionExpression(
            // Accounts stored before token versions have none: version 0.
            "user_id = :id AND password_hash = :old AND "
                + (user.tokenVersion() == 0 ? "(attribute_not_exists(#version) OR #version = :read)" : "#version = :read"))
        .expressionAttributeNames(Map.of("#version", UserItem.TOKEN_VERSION))
        .expressionAttributeValues(values(user, newPasswordHash))
        .returnValues(ReturnValue.ALL_NEW)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    Map<String, AttributeValue> changed;
    try {
      changed = DynamoDbErrors.call(() -> client.updateItem(request)).attributes();
    } catch (ConditionalCheckFailedException e) {
      // The SDK resends a write whose answer was lost; if the first attempt landed, the resend finds our own new
      // hash (Argon2id's random salt makes each hash one of a kind), and the change is ours after all.
      changed = e.item();
      boolean ours = changed != null && changed.containsKey(UserItem.PASSWORD_HASH)
          && newPasswordHash.equals(changed.get(UserItem.PASSWORD_HASH).s())
          && user.id().equals(UserSchema.userId(changed));
      if (!ours) {
        return Optional.empty();
      }
    }
    return Optional.of(UserSchema.SCHEMA.mapToItem(changed));
  }

  private static Map<String, AttributeValue> values(User user, String newPasswordHash) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":new", AttributeValue.fromS(newPasswordHash));
    values.put(":old", AttributeValue.fromS(user.passwordHash()));
    values.put(":id", AttributeValue.fromS(user.id()));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":read", AttributeValue.fromN(Long.toString(user.tokenVersion())));
    return values;
  }

  @Override
  public void create(User user) {
    PutItemEnhancedRequest<User> put =
        PutItemEnhancedRequest.builder(User.class)
            .item(user)
            .conditionExpression(NOT_REGISTERED)
            // The refusal carries the account that holds the email, so telling whose it is needs no read (and
            // the function no dynamodb:GetItem).
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    try {
      DynamoDbErrors.call(() -> table.putItemWithResponse(put));
    } catch (ConditionalCheckFailedException e) {
      // The SDK retries a write whose answer was lost (a timeout); if the first attempt landed, the retry finds
      // our own item. Only someone else's account is a conflict.
      if (!user.id().equals(UserSchema.userId(e.item()))) {
        throw new ConflictException("An account with this email already exists.");
      }
    }
  }

  @Override
  public boolean revokeTokens(String email, String userId) {
    return updateIf(email, update -> update
            .updateExpression("SET #version = if_not_exists(#version, :zero) + :one")
            .conditionExpression("user_id = :id")
            .expressionAttributeNames(Map.of("#version", UserItem.TOKEN_VERSION))
            .expressionAttributeValues(Map.of(
                ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"), ":id", AttributeValue.fromS(userId))))
        .isPresent();
  }

  @Override
  public boolean close(User user) {
    return updateIf(user.email(), update -> update
            .updateExpression("SET #closing = :true")
            .conditionExpression("user_id = :id")
            .expressionAttributeNames(Map.of("#closing", UserItem.CLOSING))
            .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":id", AttributeValue.fromS(user.id()))))
        .isPresent();
  }

  /**
   * One conditional UpdateItem on the account item of {@code email}, described by {@code update}; empty when its
   * condition does not hold (ConditionalCheckFailedException), as every conditional write here answers that.
   */
  private Optional<UpdateItemResponse> updateIf(String email, Consumer<UpdateItemRequest.Builder> update) {
    try {
      return Optional.of(DynamoDbErrors.call(() -> client.updateItem(request(email, update))));
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  private UpdateItemRequest request(String email, Consumer<UpdateItemRequest.Builder> update) {
    return UpdateItemRequest.builder().tableName(tableName).key(UserSchema.keyMap(email)).applyMutation(update).build();
  }


  @Override
  public boolean delete(User user) {
    DeleteItemEnhancedRequest delete =
        DeleteItemEnhancedRequest.builder()
            .key(UserSchema.key(user.email()))
            // The email may since have been registered again by someone else: delete only this account.
            .conditionExpression(
                Expression.builder()
                    .expression("user_id = :id")
                    .putExpressionValue(":id", AttributeValue.fromS(user.id()))
                    .build())
            .build();
    try {
      DynamoDbErrors.call(() -> table.deleteItemWithResponse(delete));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Optional<User> findByEmail(String email) {
    GetItemEnhancedRequest get =
        GetItemEnhancedRequest.builder().key(UserSchema.key(email)).consistentRead(true).build();
    return Optional.ofNullable(DynamoDbErrors.call(() -> table.getItem(get)));
  }
}
