package dev.taskapi.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.config.Environment;
import dev.taskapi.local.ProjectStack;
import dev.taskapi.schema.LoginItem;
import dev.taskapi.schema.PasswordResetItem;
import dev.taskapi.schema.SessionItem;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.schema.UserItem;
import dev.taskapi.store.dynamodb.DynamoDbClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The functions' DynamoDB endpoint with the project's template, called by the AWS SDK exactly as the functions
 * call it (their own client, their own credentials, real SigV4): what a function's policies grant reaches dynalite,
 * everything else gets DynamoDB's AccessDeniedException, and bad credentials get DynamoDB's authentication errors.
 */
class IamDynamoDbEndpointTest {
  private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/TasksTable";
  @RegisterExtension
  static final ProjectStack stack = new ProjectStack("taskapi-iam-");

  private static DynamoDbClient clientOf(String function) {
    return DynamoDbClients.create(new Environment(stack.env(function)));
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
  }

  private static AwsServiceException refused(Runnable call) {
    return assertThrows(AwsServiceException.class, call::run);
  }

  @Test
  void aGrantedCallReachesTheTableAndAnUngrantedOneGetsDynamoDbsAccessDenied() {
    try (DynamoDbClient listTasks = clientOf("ListTasksFunction")) {
      assertEquals(0, listTasks.query(q -> q.tableName("TasksTable").keyConditionExpression("pk = :p")
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("USER#nobody")))).count());
      assertEquals(0, listTasks.query(q -> q.tableName("TasksTable").indexName("by-completed")
          .keyConditionExpression("pk = :p")
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("USER#nobody")))).count());

      AwsServiceException denied = refused(() -> listTasks.getItem(g -> g.tableName("TasksTable").key(key("a", "b"))));
      assertEquals(400, denied.statusCode());
      assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
      assertEquals("User: arn:aws:sts::123456789012:assumed-role/ListTasksFunctionRole/ListTasksFunction is not "
          + "authorized to perform: dynamodb:GetItem on resource: " + TABLE_ARN
          + " because no identity-based policy allows the dynamodb:GetItem action",
          denied.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void leadingKeysConfineTheLoginFunctionToFailedLoginRecords() {
    try (DynamoDbClient login = clientOf("LoginFunction")) {
      login.updateItem(u -> u.tableName("TasksTable").key(key("LOGIN#iam-test@example.com", "LOGIN"))
          .updateExpression("SET attempts = :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
      AwsServiceException denied = refused(() -> login.updateItem(u -> u.tableName("TasksTable")
          .key(key("EMAIL#iam-test@example.com", "USER")).updateExpression("SET token_version = :one")
          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));
      assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
      login.deleteItem(d -> d.tableName("TasksTable").key(key("LOGIN#iam-test@example.com", "LOGIN")));
    }
  }

  /**
   * Security finding 8, under the local IAM engine: each function's credentials write only the partitions its
   * code writes. UpdateTask cannot rewrite an account item (where the password hash is), Register cannot put a
   * task or a reset token, DeleteTask cannot delete an account, and so on.
   */
  @Test
  void writeGrantsReachOnlyThePartitionsTheirFunctionWrites() {
    String account = UserItem.partitionKey("iam-writes@example.com");
    String tasks = TaskItem.partitionKey("iam-writes-user");
    String sessions = SessionItem.partitionKey("iam-writes-user");
    String window = LoginItem.partitionKey("iam-writes@example.com");
    String resetToken = PasswordResetItem.partitionKey("0".repeat(64));
    try (DynamoDbClient register = clientOf("RegisterFunction");
        DynamoDbClient createTask = clientOf("CreateTaskFunction");
        DynamoDbClient updateTask = clientOf("UpdateTaskFunction");
        DynamoDbClient deleteTask = clientOf("DeleteTaskFunction");
        DynamoDbClient changePassword = clientOf("ChangePasswordFunction");
        DynamoDbClient deleteAccount = clientOf("DeleteAccountFunction")) {
      put(register, account);
      put(register, sessions);
      denied(() -> put(register, tasks));
      denied(() -> put(register, resetToken));

      put(createTask, tasks);
      update(createTask, tasks);
      createTask.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().conditionCheck(c -> c
          .tableName("TasksTable").key(key(account, "X")).conditionExpression("attribute_exists(pk)")).build()));
      denied(() -> put(createTask, account));
      denied(() -> update(createTask, account));
      denied(() -> createTask.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().conditionCheck(c -> c
          .tableName("TasksTable").key(key(sessions, "X")).conditionExpression("attribute_exists(pk)")).build())));

      update(updateTask, tasks);
      denied(() -> update(updateTask, account));
      denied(() -> update(updateTask, sessions));

      denied(() -> delete(deleteTask, account));
      denied(() -> delete(deleteTask, sessions));
      delete(deleteTask, tasks);

      update(changePassword, account);
      update(changePassword, window);
      denied(() -> update(changePassword, tasks));
      denied(() -> update(changePassword, resetToken));

      update(deleteAccount, window);
      denied(() -> update(deleteAccount, resetToken));
      denied(() -> delete(deleteAccount, tasks));
      denied(() -> deleteAccount.batchWriteItem(b -> b.requestItems(Map.of("TasksTable", List.of(
          WriteRequest.builder().deleteRequest(d -> d.key(key(account, "X"))).build())))));
      deleteAccount.batchWriteItem(b -> b.requestItems(Map.of("TasksTable", List.of(
          WriteRequest.builder().deleteRequest(d -> d.key(key(sessions, "X"))).build()))));
      delete(deleteAccount, window);
      delete(deleteAccount, account);
    }
  }

  private static void put(DynamoDbClient client, String partition) {
    client.putItem(p -> p.tableName("TasksTable").item(key(partition, "X")));
  }

  private static void update(DynamoDbClient client, String partition) {
    client.updateItem(u -> u.tableName("TasksTable").key(key(partition, "X")).updateExpression("SET n = :one")
        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
  }

  private static void delete(DynamoDbClient client, String partition) {
    client.deleteItem(d -> d.tableName("TasksTable").key(key(partition, "X")));
  }

  private static void denied(Runnable call) {
    assertEquals("AccessDeniedException", refused(call).awsErrorDetails().errorCode());
  }

  @Test
  void batchWritesAndTransactionsNeedTheirOwnActions() {
    WriteRequest delete = WriteRequest.builder().deleteRequest(d -> d.key(key("USER#x", "TASK#y"))).build();
    try (DynamoDbClient deleteAccount = clientOf("DeleteAccountFunction");
        DynamoDbClient createTask = clientOf("CreateTaskFunction")) {
      deleteAccount.batchWriteItem(b -> b.requestItems(Map.of("TasksTable", List.of(delete))));
      assertEquals("AccessDeniedException", refused(() -> createTask.batchWriteItem(
          b -> b.requestItems(Map.of("TasksTable", List.of(delete))))).awsErrorDetails().errorCode());
      // A transactional delete needs dynamodb:DeleteItem, which CreateTaskFunction lacks: refused before dynalite.
      AwsServiceException transact = refused(() -> createTask.transactWriteItems(t -> t.transactItems(
          TransactWriteItem.builder().delete(Delete.builder().tableName("TasksTable").key(key("a", "b")).build())
              .build())));
      assertTrue(transact.awsErrorDetails().errorMessage().contains("dynamodb:DeleteItem on resource: " + TABLE_ARN),
          transact.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void aDenialIsLoggedOnOneLineNamingFunctionActionAndResourceButNoCredentials() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (DynamoDbClient getTask = clientOf("GetTaskFunction")) {
      refused(() -> getTask.scan(s -> s.tableName("TasksTable")));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("IAM denied: function=GetTaskFunction action=dynamodb:Scan resource=" + TABLE_ARN), log);
    Map<String, String> env = stack.env("GetTaskFunction");
    assertTrue(!log.contains(env.get("AWS_SECRET_ACCESS_KEY")) && !log.contains(env.get("AWS_SESSION_TOKEN")));
  }

  @Test
  void aWrongSecretOrAnUnknownKeyIsRejectedAsDynamoDbRejectsThem() {
    Map<String, String> wrongSecret = new HashMap<>(stack.env("GetTaskFunction"));
    wrongSecret.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    try (DynamoDbClient client = DynamoDbClients.create(new Environment(wrongSecret))) {
      AwsServiceException e = refused(() -> client.getItem(g -> g.tableName("TasksTable").key(key("a", "b"))));
      assertEquals(400, e.statusCode());
      assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
    }
    Map<String, String> unknownKey = new HashMap<>(stack.env("GetTaskFunction"));
    unknownKey.put("AWS_ACCESS_KEY_ID", "ASIAUNKNOWNKEY000000");
    try (DynamoDbClient client = DynamoDbClients.create(new Environment(unknownKey))) {
      AwsServiceException e = refused(() -> client.getItem(g -> g.tableName("TasksTable").key(key("a", "b"))));
      assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
    }
    // Another function's session token with this function's keys is not a valid session either.
    Map<String, String> borrowedToken = new HashMap<>(stack.env("GetTaskFunction"));
    borrowedToken.put("AWS_SESSION_TOKEN", stack.env("DeleteAccountFunction").get("AWS_SESSION_TOKEN"));
    try (DynamoDbClient client = DynamoDbClients.create(new Environment(borrowedToken))) {
      AwsServiceException e = refused(() -> client.getItem(g -> g.tableName("TasksTable").key(key("a", "b"))));
      assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
    }
  }

  @Test
  void everyFunctionHasCredentialsOfItsOwn() {
    long distinct = stack.runtime().template().functions().keySet().stream()
        .map(f -> stack.env(f).get("AWS_ACCESS_KEY_ID")).distinct().count();
    assertEquals(stack.runtime().template().functions().size(), distinct);
    assertTrue(stack.env("GetTaskFunction").get("DYNAMODB_ENDPOINT").startsWith("http://127.0.0.1:"));
    assertTrue(
        !stack.env("GetTaskFunction").get("DYNAMODB_ENDPOINT").equals(stack.runtime().dynamoDbEndpoint().toString()),
        "the functions reach dynalite only through the IAM endpoint");
  }
}
