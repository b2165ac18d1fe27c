package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminders end to end over the local stack: a task written through the API, the table's stream, the schedule
 * function, the local EventBridge Scheduler's one-time schedules, the reminder function it invokes as the template's
 * execution role, the webhook queue and the deliverer, and a receiver on loopback that verifies each
 * {@code reminder.fired} with the Standard Webhooks Java library and notes when it came. Every scenario runs at
 * once, its moments a few seconds ahead, so the whole test waits for them once.
 */
class RemindersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /**
   * The local scheduler fires within 2 s of a moment (issue 26; LocalSchedulerTest holds it to that), and the
   * event then takes the webhook pipeline (the reminder function, the queue, the deliverer: a few hundred
   * milliseconds warm, BENCHMARKS.md) and, here, the first invocations' cold starts.
   */
  private static final Duration LOCAL_PRECISION = Duration.ofSeconds(2);
  private static final Duration PIPELINE = Duration.ofSeconds(2);
  private static LocalApi stack;

  @BeforeAll
  static void start() {
    stack = LocalApi.startPrivate();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private final ApiClient api = stack.client();

  /** What arrived: the event, and when. */
  private record Fired(JsonNode event, String webhookId, Instant arrived) {}

  @Test
  void aReminderFiresAtItsMomentMovesWithItsDueAndIsCancelledByCompletionOrDeletion() throws Exception {
    Account ada = api.newAccount();
    Map<String, Fired> firedByTask = new ConcurrentHashMap<>();
    String[] secret = new String[1];
    try (LoopbackReceiver receiver = LoopbackReceiver.start(delivery -> {
      Instant arrived = Instant.now();
      try {
        new Webhook(secret[0]).verify(delivery.body(), delivery.headers());
        JsonNode event = JSON.readTree(delivery.body());
        Fired previous = firedByTask.putIfAbsent(event.path("data").path("task").path("uuid").asText(),
            new Fired(event, delivery.headers().get("webhook-id").getFirst(), arrived));
        return previous == null ? 204 : 409; // a second reminder.fired for one task is a failure of this test
      } catch (Exception e) {
        return 401;
      }
    })) {
      Map<String, Object> hook = new LinkedHashMap<>();
      hook.put("url", receiver.url("127.0.0.1"));
      hook.put("events", List.of("reminder.fired"));
      Response webhook = send("POST", ada, "/webhooks", hook);
      assertEquals(201, webhook.status(), webhook.text());
      secret[0] = webhook.json().path("secret").asText();

      // Not measured: the first reminder starts the reminder function and the deliverer (their cold starts).
      String warmUp = create(ada, Map.of("title", "warm-up",
          "reminders", List.of(Map.of("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3).toString()))));
      Instant warmDeadline = Instant.now().plusSeconds(60);
      while (!firedByTask.containsKey(warmUp) && Instant.now().isBefore(warmDeadline)) {
        Thread.sleep(100);
      }
      assertTrue(firedByTask.remove(warmUp) != null, "the warm-up reminder fired");

      Instant soon = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
      // An "at" reminder that fires.
      String at = create(ada, Map.of("title", "at", "reminders", List.of(Map.of("at", soon.toString()))));
      // A "before" reminder of a due in Berlin: one hour before it.
      String before = create(ada, Map.of("title", "before", "due", berlin(soon.plus(Duration.ofHours(1))),
          "reminders", List.of(Map.of("before", "PT1H"))));
      // Moved: its due changes, so its reminder does; the first moment must not fire.
      String moved = create(ada, Map.of("title", "moved", "due", berlin(soon.plus(Duration.ofMinutes(15))),
          "reminders", List.of(Map.of("before", "PT15M"))));
      assertEquals(200, send("PATCH", ada, "/tasks/" + moved,
          Map.of("due", berlin(soon.plus(Duration.ofMinutes(15)).plusSeconds(2)))).status());
      // Moved between zones: the same wall-clock time is an hour earlier in Berlin than in London, so the reminder
      // first due in an hour and a second fires in a second.
      Instant rezonedMoment = soon.plusSeconds(1);
      ZonedDateTime berlinDue = rezonedMoment.plus(Duration.ofHours(2)).atZone(BERLIN);
      String rezoned = create(ada, Map.of("title", "rezoned",
          "due", due(berlinDue.withZoneSameLocal(ZoneId.of("Europe/London"))),
          "reminders", List.of(Map.of("before", "PT2H"))));
      assertEquals(200, send("PATCH", ada, "/tasks/" + rezoned, Map.of("due", due(berlinDue))).status());
      // Cancelled by completion, and by deletion.
      String completed = create(ada, Map.of("title", "completed", "reminders", List.of(Map.of("at", soon.toString()))));
      assertEquals(200, send("PATCH", ada, "/tasks/" + completed, Map.of("completed", true)).status());
      String deleted = create(ada, Map.of("title", "deleted", "reminders", List.of(Map.of("at", soon.toString()))));
      assertEquals(200, send("DELETE", ada, "/tasks/" + deleted, null).status());
      // A recurring task: its reminder's moment (59 s before a due 5 s ahead) had passed when written, so it never
      // fires; completing it advances the due by a minute, and the next occurrence's reminder fires.
      Instant recurringDue = soon.minusSeconds(2);
      String recurring = create(ada, Map.of("title", "recurring", "due", berlin(recurringDue),
          "recurrence", Map.of("rule", "FREQ=MINUTELY"), "reminders", List.of(Map.of("before", "PT59S"))));
      assertEquals(200, send("PATCH", ada, "/tasks/" + recurring, Map.of("completed", true)).status());

      Map<String, Instant> expected = Map.of(at, soon, before, soon, moved, soon.plusSeconds(2), rezoned,
          rezonedMoment, recurring, recurringDue.plusSeconds(1));
      Instant last = soon.plusSeconds(2).plus(LOCAL_PRECISION).plus(PIPELINE).plusSeconds(1);
      while (Instant.now().isBefore(last)) {
        Thread.sleep(200);
      }

      assertEquals(expected.keySet(), firedByTask.keySet(), "fired: the at, before, moved, rezoned and recurring "
          + "tasks' reminders, once each; not the completed or deleted ones");
      for (Map.Entry<String, Instant> task : expected.entrySet()) {
        Fired fired = firedByTask.get(task.getKey());
        assertEquals("reminder.fired", fired.event().path("type").asText());
        assertEquals(task.getValue().toString(), fired.event().path("data").path("remind_at").asText(),
            fired.event().toString());
        assertEquals(task.getValue().toString(), fired.event().path("timestamp").asText());
        Duration late = Duration.between(task.getValue(), fired.arrived());
        assertTrue(!late.isNegative() && late.compareTo(LOCAL_PRECISION.plus(PIPELINE)) <= 0,
            "fired " + late.toMillis() + " ms after its moment: " + fired.event());
      }
      assertEquals("PT1H", firedByTask.get(before).event().path("data").path("reminder").path("before").asText());
      assertEquals(soon.toString(), firedByTask.get(at).event().path("data").path("reminder").path("at").asText());
      // What is left in Scheduler: a fired schedule deleted itself; the ones cancelled (the first moments of the
      // moved and rezoned reminders, an hour ahead for the latter; the completed and deleted tasks') are gone too.
      assertEquals(List.of(), stack.stack().runtime().scheduler().orElseThrow().schedules());
      JsonNode advanced = firedByTask.get(recurring).event().path("data").path("task");
      assertEquals(berlin(recurringDue.plusSeconds(60)).get("time"), advanced.path("due").path("time").asText(),
          "the task as it is now: advanced to its next occurrence");
    }
  }

  /**
   * A reminder EventBridge Scheduler cannot hand to the reminder function goes to ReminderDeadLetterQueue, sent as
   * the template's execution role, with why (the template with the role's invoke grant taken away, and no retries).
   */
  @Test
  void aReminderSchedulerCannotInvokeIsDeadLetteredWithWhy() throws Exception {
    java.nio.file.Path template = LocalApi.templateReplacing(
        "                Action: lambda:InvokeFunction\n", "                Action: lambda:GetFunction\n");
    LocalApi refused = LocalApi.startPrivate(options -> options.withTemplate(template)
        .withParameterOverrides(Map.of("ReminderRetryAttempts", "0")));
    try (software.amazon.awssdk.services.sqs.SqsClient sqs = software.amazon.awssdk.services.sqs.SqsClient.builder()
        .endpointOverride(refused.stack().runtime().sqsBackend().orElseThrow())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build()) {
      ApiClient client = refused.client();
      Account ada = client.newAccount();
      Instant moment = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
      Response created = client.createTask(ada, Map.of("title", "never reminded", "description", "",
          "reminders", List.of(Map.of("at", moment.toString()))));
      assertEquals(201, created.status(), created.text());
      String task = created.json().path("task").path("uuid").asText();
      String queue = sqs.getQueueUrl(r -> r.queueName("ReminderDeadLetterQueue")).queueUrl();

      List<software.amazon.awssdk.services.sqs.model.Message> dead = List.of();
      Instant deadline = moment.plusSeconds(30);
      while (dead.isEmpty() && Instant.now().isBefore(deadline)) {
        dead = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1).messageAttributeNames("All"))
            .messages();
      }

      assertEquals(1, dead.size(), "the reminder, dead-lettered");
      JsonNode input = JSON.readTree(dead.getFirst().body());
      assertEquals(task, input.path("task_id").asText(), "the body is the schedule's input");
      assertEquals(moment.toString(), input.path("remind_at").asText());
      assertEquals("AccessDeniedException",
          dead.getFirst().messageAttributes().get("ERROR_CODE").stringValue(), dead.getFirst().toString());
    } finally {
      refused.close();
      java.nio.file.Files.deleteIfExists(template);
    }
  }

  private Response send(String method, Account account, String path, Object body) {
    return api.send(method, path, body == null ? null : ApiClient.json(body), "Authorization", account.bearer());
  }

  private String create(Account account, Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    body.put("description", "");
    Response created = api.createTask(account, body);
    assertEquals(201, created.status(), created.text());
    return created.json().path("task").path("uuid").asText();
  }

  private static Map<String, String> berlin(Instant instant) {
    return due(instant.atZone(BERLIN));
  }

  private static Map<String, String> due(ZonedDateTime local) {
    return Map.of("date", local.toLocalDate().toString(),
        "time", local.format(DateTimeFormatter.ofPattern("HH:mm:ss")), "time_zone", local.getZone().getId());
  }
}
