package dev.taskapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.auth.OpaqueTokens;
import dev.taskapi.auth.ResetTokens;
import dev.taskapi.auth.Sessions;
import dev.taskapi.auth.TokenService;
import dev.taskapi.domain.PasswordReset;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskValues;
import dev.taskapi.domain.User;
import dev.taskapi.domain.Webhook;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.schema.AuthorizerContext;
import dev.taskapi.schema.UserItem;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.PasswordResetStore;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.UserStore;
import dev.taskapi.store.WebhookStore;
import dev.taskapi.webhooks.WebhookSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Turns a function's {@code events/} sample into an event that takes its success path every time it is sent,
 * against real state, by the event's shape rather than the function's name:
 * <ul>
 *   <li>the samples' user (the authorizer context's user id, {@code exampleuser@example.com}, password
 *       {@code a secure passphrase}) is a real account, created once by {@link #createSampleAccount()};
 *   <li>a TOKEN event gets a valid token of that account, with its email and token version;
 *   <li>an authorizer context gets that account's user id and email, as the authorizer passes them on;
 *   <li>a body with {@code username} (a registration) gets a fresh email;
 *   <li>a body with the caller's password ({@code password} or {@code current_password}) and an authorizer
 *       context (account deletion, password change: they consume the account) gets a fresh account with that
 *       password, holding one task;
 *   <li>a login body ({@code email} and {@code password}) an account with those credentials;
 *   <li>a {@code refresh_token} (a refresh, a logout) a fresh session of the caller;
 *   <li>a reset request (only an {@code email}) a fresh account's address, so the mail limit never applies;
 *   <li>a reset confirmation ({@code token}, {@code new_password}) a fresh account's mailed token;
 *   <li>a {@code task_id} path parameter a fresh task of the caller's, at the version {@code If-Match} names;
 *   <li>a body of only a {@code title} and an authorizer context (a list's create) a fresh account;
 *   <li>a {@code list_id} path parameter a fresh list (with no tasks) of a fresh account, likewise.
 * </ul>
 * Accounts are written directly (one PutItem each) with a hash computed once per password, so preparing an
 * event costs no Argon2id time.
 */
final class SampleEvents {
  /** The session the sample tokens name; never ended, so the authorizer accepts them. */
  static final String BENCH_SESSION = "bench-session";
  static final String SAMPLE_USER_ID = "0b6a3b4e-5d1c-4f8e-9a2b-7c3d4e5f6a7b";
  static final String SAMPLE_EMAIL = "exampleuser@example.com";
  static final String SAMPLE_PASSWORD = "a secure passphrase";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TokenService tokens;
  private final TaskStore tasks;
  private final UserStore users;
  private final Sessions sessions;
  private final PasswordResetStore resets;
  private final ListStore lists;
  private final WebhookStore webhooks;
  private final String receiverUrl;
  private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.OWASP);
  private final Map<String, String> hashes = new ConcurrentHashMap<>();
  private final Map<String, User> accounts = new ConcurrentHashMap<>();
  private final TaskIds ids = new TaskIds();
  private final AtomicLong sequence = new AtomicLong();
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  SampleEvents(TokenService tokens, TaskStore tasks, UserStore users, Sessions sessions, PasswordResetStore resets,
      ListStore lists, WebhookStore webhooks, String receiverUrl) {
    this.tokens = tokens;
    this.tasks = tasks;
    this.users = users;
    this.sessions = sessions;
    this.resets = resets;
    this.lists = lists;
    this.webhooks = webhooks;
    this.receiverUrl = receiverUrl;
  }

  /** The account the samples name: the authorizer's token, the task events' caller, the login's credentials. */
  User createSampleAccount() {
    return account(SAMPLE_USER_ID, SAMPLE_EMAIL, SAMPLE_PASSWORD);
  }

  /** A real account with this id, email and password, created once (a PutItem). */
  User account(String userId, String email, String password) {
    return accounts.computeIfAbsent(User.normalizeEmail(email), key -> {
      User user = new User(userId, "bench" + sequence.incrementAndGet(), email, hash(password), Instant.now());
      users.create(user);
      return user;
    });
  }

  /** A bearer token the authorizer accepts: the account's id, email and token version, a session never ended. */
  String token(User user) {
    return tokens.issue(user.id(), user.email(), user.tokenVersion(), BENCH_SESSION);
  }

  /** What the authorizer reads for the sample account's token, as the SDK request it is equivalent to. */
  static GetItemRequest authorizerGetItem(String table) {
    return WarmLatency.getItem(table, Map.of("pk", AttributeValue.fromS("EMAIL#" + User.normalizeEmail(SAMPLE_EMAIL)),
        "sk", AttributeValue.fromS("USER")), "user_id, token_version, #e.#s").toBuilder()
        .expressionAttributeNames(Map.of("#e", UserItem.ENDED_SESSIONS, "#s", BENCH_SESSION)).build();
  }

  /** True for an authorizer's TOKEN event. */
  static boolean isTokenEvent(String sampleJson) {
    try {
      return "TOKEN".equals(JSON.readTree(sampleJson).path("type").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the sample's body carries a password, which makes the function Argon2id-bound. */
  static boolean passwordBound(String sampleJson) {
    try {
      JsonNode bodyText = JSON.readTree(sampleJson).get("body");
      if (bodyText == null || !bodyText.isTextual()) {
        return false;
      }
      for (Iterator<String> names = JSON.readTree(bodyText.asText()).fieldNames(); names.hasNext(); ) {
        if (names.next().contains("password")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String prepare(Path sample) {
    try {
      return prepare(Files.readString(sample));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String prepare(String sampleJson) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(sampleJson);
      User caller = createSampleAccount();
      if ("TOKEN".equals(event.path("type").asText())) {
        event.put("authorizationToken", "Bearer " + token(caller));
      }
      JsonNode authorizer = event.path("requestContext").path("authorizer");
      JsonNode bodyText = event.get("body");
      if (bodyText != null && bodyText.isTextual()) {
        JsonNode body = JSON.readTree(bodyText.asText());
        if (body instanceof ObjectNode object && object.has("username") && object.has("email")) {
          object.put("email", freshEmail());
          event.put("body", JSON.writeValueAsString(object));
        } else if (body instanceof ObjectNode object && authorizer.isObject()
            && (object.has("password") || object.has("current_password"))) {
          String password = (object.has("current_password") ? object.get("current_password")
              : object.get("password")).asText();
          caller = account(UUID.randomUUID().toString(), freshEmail(), password);
          createTask(caller.id()); // an account with a task: its deletion deletes one
        } else if (body instanceof ObjectNode object && authorizer.isObject() && object.size() == 1
            && object.has("title")) {
          // A list's create: a fresh account each time, as an account holds at most 100 lists.
          caller = account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD);
        } else if (body instanceof ObjectNode object && authorizer.isObject() && object.has("url")
            && object.has("events")) {
          // A webhook's registration: a fresh account each time, as an account holds at most 10 webhooks.
          caller = account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD);
        } else if (body instanceof ObjectNode object && object.size() == 1 && object.has("email")) {
          object.put("email", account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD).email());
          event.put("body", JSON.writeValueAsString(object));
        } else if (body instanceof ObjectNode object && object.has("token") && object.has("new_password")) {
          User owner = account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD);
          String token = ResetTokens.issue(owner.id());
          resets.create(new PasswordReset(OpaqueTokens.hash(token), owner.id(), owner.email(), owner.tokenVersion(),
              Instant.now().plusSeconds(1800)));
          object.put("token", token);
          event.put("body", JSON.writeValueAsString(object));
        } else if (body instanceof ObjectNode object && object.has("refresh_token")) {
          object.put("refresh_token", sessions.start("Benchmark session", caller).refreshToken());
          event.put("body", JSON.writeValueAsString(object));
        } else if (body instanceof ObjectNode object && object.has("email") && object.has("password")) {
          User login = account(UUID.randomUUID().toString(), object.get("email").asText(),
              object.get("password").asText());
          if (!hash(object.get("password").asText()).equals(login.passwordHash())) {
            throw new IllegalStateException("the login sample's email is registered with another password");
          }
        }
      }
      if ("/sync".equals(event.path("resource").asText())) {
        // A fresh account with one task each time: the sample account, which other runs fill with tasks, would take
        // a full sync of several pages, and a page's round trips depend on whether it is the last.
        caller = account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD);
        createTask(caller.id());
      }
      if (event.path("pathParameters").has("list_id")) {
        // A fresh account each time: an account holds at most 100 lists, fewer than the runs.
        caller = account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD);
        String id = ids.next(System.currentTimeMillis()).toString();
        TaskList list = new TaskList(id, caller.id(), "Benchmark list", TaskIds.createdAt(id), TaskIds.createdAt(id),
            TaskList.FIRST_VERSION);
        lists.create(list, caller.email());
        pointAt(event, "list_id", list.id(), list.version());
      }
      if (event.path("pathParameters").has("webhook_id")) {
        // A fresh account with one webhook each time: its deletion needs one, and an account holds at most 10.
        caller = account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD);
        String id = webhookOf(caller);
        String old = event.path("pathParameters").path("webhook_id").asText();
        ((ObjectNode) event.get("pathParameters")).put("webhook_id", id);
        event.put("path", event.path("path").asText().replace(old, id));
      }
      for (JsonNode record : event.path("Records")) {
        // A queued delivery (DeliverWebhookFunction's SQS message): to a webhook that exists, of a fresh account,
        // so that it is sent and delivered rather than dropped as the webhook of a deleted account.
        if (record.path("eventSource").asText().equals("aws:sqs")) {
          ObjectNode delivery = (ObjectNode) JSON.readTree(record.path("body").asText());
          User owner = account(UUID.randomUUID().toString(), freshEmail(), SAMPLE_PASSWORD);
          delivery.put("user_id", owner.id());
          delivery.put("webhook_id", webhookOf(owner));
          ((ObjectNode) record).put("body", JSON.writeValueAsString(delivery));
        }
      }
      if (authorizer instanceof ObjectNode context) {
        context.put("principalId", caller.id());
        context.put(AuthorizerContext.USER_ID, caller.id());
        context.put("email", caller.email());
      }
      if (event.path("pathParameters").has("task_id")) {
        Task task = createTask(caller.id());
        pointAt(event, "task_id", task.id(), task.version());
      }
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Points the event's path parameter {@code name} (and its path) at a fresh resource, whose first version the
   * If-Match the sample sends, if any, must name.
   */
  private static void pointAt(ObjectNode event, String name, String id, long version) {
    ((ObjectNode) event.get("pathParameters")).put(name, id);
    String path = event.path("path").asText();
    event.put("path", path.substring(0, path.lastIndexOf('/') + 1) + id);
    if (event.path("headers").has("If-Match")) {
      String etag = "\"" + version + "\"";
      if (!event.path("headers").path("If-Match").asText().equals(etag)) {
        throw new IllegalStateException("If-Match " + event.path("headers").path("If-Match").asText()
            + " does not name a new " + name + "'s version " + etag);
      }
    }
  }

  /** A new webhook of {@code owner} for {@code task.created}, delivering to the run's receiver; its id. */
  private String webhookOf(User owner) {
    String id = ids.next(System.currentTimeMillis()).toString();
    webhooks.create(Webhook.registered(id, owner.id(), receiverUrl, List.of("task.created"), Optional.empty(),
        WebhookSecret.generate(), TaskIds.createdAt(id)), owner.email());
    return id;
  }

  private String freshEmail() {
    return "bench-" + runId + "-" + sequence.incrementAndGet() + "@example.com";
  }

  private String hash(String password) {
    return hashes.computeIfAbsent(password, hasher::hash);
  }

  private Task createTask(String userId) {
    long now = System.currentTimeMillis();
    Task task = Task.created(ids.next(now).toString(), userId, Optional.empty(), TaskValues.absent().with(TaskFields.TITLE, "Benchmark task"));
    String ownerEmail =
        accounts.values().stream().filter(u -> u.id().equals(userId)).findFirst().orElseThrow().email();
    tasks.create(task, ownerEmail); // conditional on the account: the samples' tasks belong to real accounts
    return task;
  }
}
