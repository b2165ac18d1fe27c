package dev.taskapi.store.dynamodb;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.User;
import dev.taskapi.store.UserStore;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link UserStore} on the API's DynamoDB table; see {@link UserSchema} for the key design. */
public final class DynamoDbUserStore implements UserStore {
  private static final Expression NOT_REGISTERED =
      Expression.builder().expression("attribute_not_exists(pk)").build();

  private final DynamoDbTable<User> table;

  public DynamoDbUserStore(DynamoDbEnhancedClient client, String tableName) {
    this.table = client.table(tableName, UserSchema.SCHEMA);
  }

  @Override
  public void create(User user) {
    PutItemEnhancedRequest<User> put =
        PutItemEnhancedRequest.builder(User.class).item(user).conditionExpression(NOT_REGISTERED).build();
    try {
      DynamoDbErrors.call(() -> table.putItemWithResponse(put));
    } catch (ConditionalCheckFailedException e) {
      throw new ConflictException("An account with this email already exists.");
    }
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
