package dev.taskapi.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.auth.AccessTokenPrimer;
import dev.taskapi.authorizer.TokenAuthorizerHandler;
import dev.taskapi.changepassword.ChangePasswordHandler;
import dev.taskapi.config.Environment;
import dev.taskapi.createtask.CreateTaskHandler;
import dev.taskapi.deletetask.DeleteTaskHandler;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.User;
import dev.taskapi.listtasks.ListTasksHandler;
import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.dynamo.LocalTables;
import dev.taskapi.local.iam.FunctionPolicies;
import dev.taskapi.login.LoginHandler;
import dev.taskapi.mail.SendEmailPrimer;
import dev.taskapi.password.Argon2Primer;
import dev.taskapi.passwordreset.PasswordResetHandler;
import dev.taskapi.passwordstrength.PasswordStrength;
import dev.taskapi.register.RegisterHandler;
import dev.taskapi.store.dynamodb.BatchGetPrimer;
import dev.taskapi.store.dynamodb.DynamoDbClients;
import dev.taskapi.store.dynamodb.DynamoDbTaskStore;
import dev.taskapi.store.dynamodb.DynamoDbUserStore;
import dev.taskapi.store.dynamodb.QueryPrimer;
import dev.taskapi.store.dynamodb.TablePrimer;
import dev.taskapi.store.dynamodb.TransactionPrimer;
import dev.taskapi.testing.TestTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.crac.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming of the real functions against dynalite and the local SES endpoint: every hook the functions
 * register (the handlers' own, the DynamoDB client primers, the Argon2id hash, the access token and the SendEmail
 * primers) runs without error, changes nothing and sends no mail, and a write attempted while priming is refused.
 */
class PrimingIntegrationTest {
  /** The functions whose handlers call {@code Services.primeTransactions()}: every write goes through the change log. */
  private static final List<String> CHANGE_LOG_WRITERS = List.of("CreateTaskFunction", "UpdateTaskFunction",
      "DeleteTaskFunction", "MoveTaskFunction", "CreateListFunction", "UpdateListFunction", "DeleteListFunction",
      "BatchFunction");
  /** Those that also call {@code Services.primeQueries()}: their first request queries. */
  private static final List<String> QUERYING_WRITERS = List.of("MoveTaskFunction", "DeleteListFunction");
  /** Those that call {@code Services.primeBatchGets()}: they read their item with the counter before writing. */
  private static final List<String> READING_WRITERS =
      List.of("UpdateTaskFunction", "MoveTaskFunction", "UpdateListFunction", "BatchFunction");

  @Test
  void primingEveryFunctionReadsButWritesNothingAndSendsNoMail() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(freshRuntime())) {
      Map<String, String> api = env(runtime, "CreateTaskFunction");
      int earlier = Priming.registered().size();
      List<Resource> handlers = List.of(
          built(runtime, "AuthorizerFunction", TokenAuthorizerHandler::new),
          built(runtime, "RegisterFunction", RegisterHandler::new),
          built(runtime, "LoginFunction", LoginHandler::new),
          built(runtime, "ChangePasswordFunction", ChangePasswordHandler::new),
          built(runtime, "PasswordResetFunction", PasswordResetHandler::new),
          built(runtime, "CreateTaskFunction", CreateTaskHandler::new),
          built(runtime, "ListTasksFunction", ListTasksHandler::new),
          built(runtime, "DeleteTaskFunction", DeleteTaskHandler::new));
      try (DynamoDbClient raw = admin(runtime)) {
        int before = itemCount(raw, api);

        List<Resource> hooks = Priming.registered().subList(earlier, Priming.registered().size());
        assertTrue(hooks.containsAll(handlers), "every handler registered");
        assertEquals(7, count(hooks, TablePrimer.class), "a DynamoDB primer for each function with a table");
        assertEquals(2, count(hooks, PasswordStrength.class), "Register's and ChangePassword's strength estimate");
        // One each, though ChangePassword asks for its hasher twice (its own and its password attempts').
        assertEquals(3, count(hooks, Argon2Primer.class), "an Argon2id hash for each function that hashes");
        assertEquals(3, count(hooks, AccessTokenPrimer.class), "a token for each function that issues one");
        assertEquals(2, count(hooks, SendEmailPrimer.class), "a SendEmail for each function that mails at once");
        assertEquals(2, count(hooks, TransactionPrimer.class),
            "a transaction primer for each writer of the change log (CreateTask, DeleteTask)");
        assertEquals(handlers.size() + 7 + 2 + 3 + 3 + 2 + 2, hooks.size(), "and nothing else");
        for (Resource hook : hooks) {
          hook.beforeCheckpoint(null);
        }

        assertEquals(before, itemCount(raw, api), "priming wrote nothing");
        assertEquals(List.of(), mails(runtime), "priming sent no mail");
      }
    }
  }

  private static long count(List<Resource> hooks, Class<? extends Resource> type) {
    return hooks.stream().filter(type::isInstance).count();
  }

  /** What the local SES endpoint took: the .eml files of its mailbox. */
  private static List<Path> mails(LocalRuntime runtime) throws IOException {
    if (!Files.isDirectory(runtime.mailDir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(runtime.mailDir())) {
      return files.filter(file -> file.toString().endsWith(".eml")).toList();
    }
  }

  /**
   * Each function's priming read, with the function's own credentials through the local IAM endpoint (which
   * evaluates its template.yaml policies as IAM would): none may be refused. On AWS a refusal is the same
   * AccessDeniedException, and a snapshot primed on an error path instead of an answer.
   */
  /**
   * What a stream's event source mapping needs (AWSLambdaDynamoDBExecutionRole): no access to the table's items, so
   * a function holding only these (ScheduleRemindersFunction) reads no item, primes none.
   */
  private static final java.util.Set<String> STREAM_READS = java.util.Set.of("dynamodb:DescribeStream",
      "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");

  @Test
  void everyFunctionWithTableAccessMayMakeItsPrimingRead() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(freshRuntime())) {
      FunctionPolicies policies = FunctionPolicies.of(runtime.template());
      // SnapStart functions only: the others take no snapshot, so they never prime (the upgrade's backfill).
      // The policies hold the template's service roles too (Scheduler's execution role): functions only here.
      List<String> withTable = policies.functions().stream()
          .filter(function -> runtime.template().functions().containsKey(function))
          .filter(function -> runtime.template().function(function).snapStart())
          .filter(function -> policies.statements(function).stream()
              .anyMatch(statement -> statement.actions().stream().anyMatch(a -> a.startsWith("dynamodb:")
                  && !STREAM_READS.contains(a))))
          .toList();
      assertTrue(withTable.size() >= 10, "the API's table functions: " + withTable);
      Map<String, String> refused = new java.util.TreeMap<>();
      for (String function : withTable) {
        Map<String, String> env = env(runtime, function);
        try (DynamoDbClient client = DynamoDbClients.create(new Environment(env))) {
          new TablePrimer(client, env.get("TABLE_NAME")).prime().ifPresent(failure -> refused.put(function, failure));
        }
      }
      assertEquals(Map.of(), refused, "priming reads refused");
    }
  }

  /**
   * The priming transaction of each function that writes through the change log (and the priming query of those
   * that query, the priming batch read of those that read before writing), with the function's own credentials through the local IAM endpoint: allowed by the grants the
   * function holds for its own work, the transaction refused by DynamoDB on its conditions alone, and nothing
   * written.
   */
  @Test
  void everyChangeLogWriterMayMakeItsPrimingCallsAndTheyWriteNothing() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(freshRuntime()); DynamoDbClient admin = admin(runtime)) {
      Map<String, String> api = env(runtime, "CreateTaskFunction");
      int before = itemCount(admin, api);
      Map<String, String> refused = new java.util.TreeMap<>();
      for (String function : CHANGE_LOG_WRITERS) {
        Map<String, String> env = env(runtime, function);
        try (DynamoDbClient client = DynamoDbClients.create(new Environment(env))) {
          Priming.run(() -> new TransactionPrimer(client, env.get("TABLE_NAME")).prime()
              .ifPresent(failure -> refused.put(function, failure)));
          if (QUERYING_WRITERS.contains(function)) {
            new QueryPrimer(client, env.get("TABLE_NAME")).prime()
                .ifPresent(failure -> refused.put(function + " query", failure));
          }
          if (READING_WRITERS.contains(function)) {
            new BatchGetPrimer(client, env.get("TABLE_NAME")).prime()
                .ifPresent(failure -> refused.put(function + " batch read", failure));
          }
        }
      }
      assertEquals(Map.of(), refused, "priming transactions not refused on their conditions alone");
      assertEquals(before, itemCount(admin, api), "priming wrote nothing");
    }
  }

  @Test
  void aWriteWhilePrimingIsRefusedBeforeItIsSent() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(freshRuntime())) {
      Map<String, String> api = env(runtime, "CreateTaskFunction");
      try (DynamoDbClient client = DynamoDbClients.create(new Environment(api)); DynamoDbClient admin = admin(runtime)) {
        DynamoDbTaskStore tasks =
            new DynamoDbTaskStore(client, api.get("TABLE_NAME"));
        Task task = TestTasks.task(UUID.randomUUID().toString(), "priming-test", "t", "");
        // The account, as registration writes it: create-task's credentials may not write an EMAIL# item.
        Map<String, String> register = env(runtime, "RegisterFunction");
        try (DynamoDbClient registerClient = DynamoDbClients.create(new Environment(register))) {
          new DynamoDbUserStore(registerClient, register.get("TABLE_NAME")).create(
              new User("priming-test", "p", "priming-test@example.com", "$argon2id$x", Instant.now()));
        }

        assertThrows(RuntimeException.class,
            () -> Priming.run(() -> tasks.create(task, "priming-test@example.com")));
        assertEquals(1, itemCount(admin, api), "nothing written while priming (the account was)");

        tasks.create(task, "priming-test@example.com");
        // The task, and the account's change-log counter and entry written with it.
        assertEquals(4, itemCount(admin, api), "the same write goes out when not priming");
      }
    }
  }

  /** dynalite on a free port with fresh data; nothing of the developer's environment but PATH (for node). */
  private static LocalStackOptions freshRuntime() throws IOException {
    return LocalStackOptions.defaults()
        .withTemplate(Path.of("..", "template.yaml"))
        .withDataDir(Files.createTempDirectory("taskapi-priming-"))
        .withPort(0)
        .withEnvironment(Map.of("PATH", System.getenv("PATH")));
  }

  /**
   * The function's handler built as Lambda builds it, with its no-argument constructor, in this JVM: its
   * environment first becomes what this JVM's copy of {@link Environment} reads, as the local stack does in the
   * function's own class loader.
   */
  private static Resource built(LocalRuntime runtime, String function, Supplier<Resource> constructor) {
    Environment.setCurrent(env(runtime, function));
    return constructor.get();
  }

  @AfterEach
  void processEnvironmentAgain() {
    Environment.setCurrent(System.getenv());
  }

  private static Map<String, String> env(LocalRuntime runtime, String function) {
    return runtime.lambdaEnvironment().forFunction(runtime.template().function(function));
  }

  /** The table itself, past the functions' IAM endpoint (CreateTaskFunction may not Scan). */
  private static DynamoDbClient admin(LocalRuntime runtime) {
    return LocalTables.client(runtime.dynamoDbEndpoint(), runtime.template().region(), runtime.backendCredentials());
  }

  private static int itemCount(DynamoDbClient client, Map<String, String> env) {
    return client.scan(r -> r.tableName(env.get("TABLE_NAME")).consistentRead(true)).count();
  }
}
