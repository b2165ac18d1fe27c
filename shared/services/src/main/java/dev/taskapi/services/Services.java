package dev.taskapi.services;

import dev.taskapi.api.CursorCodec;
import dev.taskapi.api.SyncTokenCodec;
import dev.taskapi.auth.AccessTokenPrimer;
import dev.taskapi.auth.SessionPolicy;
import dev.taskapi.auth.Sessions;
import dev.taskapi.auth.TokenConfig;
import dev.taskapi.auth.TokenService;
import dev.taskapi.config.Environment;
import dev.taskapi.config.SecretsExtensionClient;
import dev.taskapi.domain.Session;
import dev.taskapi.http.Cors;
import dev.taskapi.password.Argon2Primer;
import dev.taskapi.password.LoginLimit;
import dev.taskapi.password.PasswordAttempts;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.snapstart.Priming;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.LoginStore;
import dev.taskapi.store.PasswordResetStore;
import dev.taskapi.store.SessionStore;
import dev.taskapi.store.SyncStore;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.UserStore;
import dev.taskapi.store.WebhookStore;
import dev.taskapi.store.dynamodb.BatchGetPrimer;
import dev.taskapi.store.dynamodb.DynamoDbClients;
import dev.taskapi.store.dynamodb.DynamoDbIdempotencyStore;
import dev.taskapi.store.dynamodb.DynamoDbListStore;
import dev.taskapi.store.dynamodb.DynamoDbLoginStore;
import dev.taskapi.store.dynamodb.DynamoDbPasswordResetStore;
import dev.taskapi.store.dynamodb.DynamoDbSessionStore;
import dev.taskapi.store.dynamodb.DynamoDbSyncStore;
import dev.taskapi.store.dynamodb.DynamoDbTaskStore;
import dev.taskapi.store.dynamodb.DynamoDbUserStore;
import dev.taskapi.store.dynamodb.DynamoDbWebhookStore;
import dev.taskapi.store.dynamodb.QueryPrimer;
import dev.taskapi.store.dynamodb.TablePrimer;
import dev.taskapi.store.dynamodb.TransactionPrimer;
import java.time.Clock;
import java.util.function.Consumer;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root of the API functions: builds, from the function's environment, only the parts that
 * function asks for (the DynamoDB client is made on first use, so a function without table access makes none).
 * No framework: each handler's constructor takes what it needs, and tests call those constructors directly.
 */
public final class Services {
  private final Environment env;
  private final Clock clock = Clock.systemUTC();
  private DynamoDbClient dynamoDb;
  private UserStore userStore;
  private boolean transactionsPrimed;
  private boolean queriesPrimed;
  private boolean batchGetsPrimed;
  private PasswordHasher passwordHasher;
  private TokenService tokenService;

  private Services(Environment env) {
    this.env = env;
  }

  /** The wiring of the function this runs in, from its {@linkplain Environment#current() environment}. */
  public static Services fromEnvironment() {
    return new Services(Environment.current());
  }

  public Clock clock() {
    return clock;
  }

  /** The one allowed origin; {@code none} (the template's value for no cross-origin access) allows none. */
  public Cors cors() {
    String origin = env.optional("ALLOWED_ORIGIN", "");
    return origin.equals("none") ? Cors.none() : new Cors(origin);
  }

  /** One per function: the handler and {@link #sessions()} both read accounts, through the same store. */
  public synchronized UserStore userStore() {
    if (userStore == null) {
      userStore = new DynamoDbUserStore(dynamoDb(), tableName());
    }
    return userStore;
  }

  public IdempotencyStore idempotencyStore() {
    return new DynamoDbIdempotencyStore(dynamoDb(), tableName());
  }

  public TaskStore taskStore() {
    return dynamoDbTaskStore();
  }

  /** The task store with its DynamoDB-only operations: the upgrade's backfill of derived index keys. */
  public DynamoDbTaskStore dynamoDbTaskStore() {
    return new DynamoDbTaskStore(dynamoDb(), tableName());
  }

  public ListStore listStore() {
    return new DynamoDbListStore(dynamoDb(), tableName());
  }

  public WebhookStore webhookStore() {
    return new DynamoDbWebhookStore(dynamoDb(), tableName());
  }

  /**
   * How long a deletion of many items (a list's tasks) may run before it answers 503 and lets the client repeat:
   * {@code DELETION_BUDGET_MS}, 15 s by default, well inside API Gateway's 29 s.
   */
  public Duration deletionBudget() {
    return Duration.ofMillis(Long.parseLong(env.optional("DELETION_BUDGET_MS", "15000")));
  }

  private LoginStore loginStore() {
    return new DynamoDbLoginStore(dynamoDb(), tableName());
  }

  /** Every password check, limited per account by {@link LoginLimit#DEFAULT}. */
  public PasswordAttempts passwordAttempts() {
    return new PasswordAttempts(loginStore(), LoginLimit.DEFAULT, clock, passwordHasher());
  }

  /** One per function, its first hash run before a SnapStart snapshot ({@link Argon2Primer}). */
  public synchronized PasswordHasher passwordHasher() {
    if (passwordHasher == null) {
      passwordHasher = new PasswordHasher(PasswordHasher.OWASP);
      Priming.register(new Argon2Primer(passwordHasher));
    }
    return passwordHasher;
  }

  /** One per function, its first token issued before a SnapStart snapshot ({@link AccessTokenPrimer}). */
  public synchronized TokenService tokenService() {
    if (tokenService == null) {
      tokenService = TokenConfig.tokenService(env, clock);
      Priming.register(new AccessTokenPrimer(tokenService));
    }
    return tokenService;
  }

  public PasswordResetStore passwordResetStore() {
    return new DynamoDbPasswordResetStore(dynamoDb(), tableName());
  }

  /** The per-address windows that limit password-reset mails. */
  public LoginStore passwordResetMailWindows() {
    return DynamoDbLoginStore.passwordResetMails(dynamoDb(), tableName());
  }

  public SessionStore sessionStore() {
    return new DynamoDbSessionStore(dynamoDb(), tableName());
  }

  /** Sign-ins with refresh tokens: access tokens, the session store and the account's token version. */
  public Sessions sessions() {
    return sessions(session -> {});
  }

  /** {@link #sessions()}, telling {@code reuseNotice} of each session a refresh token's reuse ends. */
  public Sessions sessions(Consumer<Session> reuseNotice) {
    return new Sessions(
        tokenService(), sessionStore(), userStore(), SessionPolicy.fromEnvironment(env), clock, reuseNotice);
  }

  public CursorCodec cursorCodec() {
    return new CursorCodec(cursorKey());
  }

  /** GET /sync's tokens, signed with the cursor key (under labels of their own). */
  public SyncTokenCodec syncTokenCodec() {
    return new SyncTokenCodec(cursorKey());
  }

  private byte[] cursorKey() {
    return new SecretsExtensionClient(env).secretBytes("CURSOR_SECRET_ID");
  }

  public SyncStore syncStore() {
    return new DynamoDbSyncStore(dynamoDb(), tableName());
  }

  /**
   * For the functions that write through the change log (a TransactWriteItems on every write): its transaction is
   * primed before the SnapStart snapshot too ({@link TransactionPrimer}), so the first write after a restore finds
   * its path loaded.
   */
  public synchronized void primeTransactions() {
    if (!transactionsPrimed) {
      Priming.register(new TransactionPrimer(dynamoDb(), tableName()));
      transactionsPrimed = true;
    }
  }

  /**
   * For the functions whose first request queries the table (a move's neighbours, a list's tasks): a Query is
   * primed before the SnapStart snapshot too ({@link QueryPrimer}).
   */
  public synchronized void primeQueries() {
    if (!queriesPrimed) {
      Priming.register(new QueryPrimer(dynamoDb(), tableName()));
      queriesPrimed = true;
    }
  }

  /**
   * For the functions that read an item with the change-log counter before they write it (edits, moves, renames):
   * their BatchGetItem is primed before the SnapStart snapshot too ({@link BatchGetPrimer}).
   */
  public synchronized void primeBatchGets() {
    if (!batchGetsPrimed) {
      Priming.register(new BatchGetPrimer(dynamoDb(), tableName()));
      batchGetsPrimed = true;
    }
  }

  private String tableName() {
    return env.required("TABLE_NAME");
  }

  private synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = DynamoDbClients.create(env);
      Priming.register(new TablePrimer(dynamoDb, tableName()));
    }
    return dynamoDb;
  }
}
