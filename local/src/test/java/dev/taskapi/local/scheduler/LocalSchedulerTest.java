package dev.taskapi.local.scheduler;

import static dev.taskapi.local.scheduler.SchedulerStack.ANY_QUALIFIER_ROLE_ARN;
import static dev.taskapi.local.scheduler.SchedulerStack.DEAD_LETTERS;
import static dev.taskapi.local.scheduler.SchedulerStack.DEAD_LETTERS_ARN;
import static dev.taskapi.local.scheduler.SchedulerStack.GROUP;
import static dev.taskapi.local.scheduler.SchedulerStack.POWERLESS_ROLE_ARN;
import static dev.taskapi.local.scheduler.SchedulerStack.RECORD_QUEUE;
import static dev.taskapi.local.scheduler.SchedulerStack.REMIND_ARN;
import static dev.taskapi.local.scheduler.SchedulerStack.ROLE_ARN;
import static dev.taskapi.local.scheduler.SchedulerStack.atSecondsFromNow;
import static dev.taskapi.local.scheduler.SchedulerStack.receive;
import static dev.taskapi.local.scheduler.SchedulerStack.sentAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.scheduler.SchedulerStack.At;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local EventBridge Scheduler, called with the AWS SDK's Scheduler client as a function calls it (its own
 * credentials, real SigV4), firing the template's RemindFunction through the local Lambda endpoint as the
 * schedule's execution role; what the function received is read from the queue it records to.
 */
class LocalSchedulerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SchedulerStack stack = new SchedulerStack();
  private static SchedulerClient scheduler;
  private static SqsClient elasticMq;

  @BeforeAll
  static void clients() {
    scheduler = stack.clientOf("SchedulingFunction");
    elasticMq = SchedulerStack.elasticMq(stack.runtime());
  }

  @AfterAll
  static void closeClients() {
    scheduler.close();
    elasticMq.close();
  }

  /** CreateSchedule "Request Body": at(), UTC, window OFF, a Lambda target with its role, ActionAfterCompletion. */
  static Consumer<CreateScheduleRequest.Builder> oneTime(String name, At at, String input,
      ActionAfterCompletion after) {
    return r -> r.name(name).groupName(GROUP).scheduleExpression(at.expression())
        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
        .target(t -> t.arn(REMIND_ARN).roleArn(ROLE_ARN).input(input))
        .actionAfterCompletion(after);
  }

  @Test
  void aScheduleFiresWithinTwoSecondsOfItsTimeWithItsInputAsTheEventAndNeverAgain() throws Exception {
    String name = "remind-" + UUID.randomUUID();
    String input = "{\"taskId\":\"" + UUID.randomUUID() + "\",\"note\":\"caf\\u00e9\"}";
    At at = atSecondsFromNow(2);
    String arn = scheduler.createSchedule(oneTime(name, at, input, ActionAfterCompletion.NONE)).scheduleArn();
    assertEquals("arn:aws:scheduler:us-east-1:123456789012:schedule/" + GROUP + "/" + name, arn);

    List<Message> fired = receive(elasticMq, RECORD_QUEUE, Duration.ofSeconds(6));

    assertEquals(1, fired.size(), "one invocation, and none after it (a one-time schedule fires once): " + fired);
    assertEquals(JSON.readTree(input), JSON.readTree(fired.getFirst().body()), "Target.Input is the event");
    long late = Duration.between(at.instant(), sentAt(fired.getFirst())).toMillis();
    assertTrue(late >= 0 && late <= 2000, "fired " + late + " ms after its time");
    // ActionAfterCompletion NONE: the schedule stays, as it was created.
    GetScheduleResponse kept = scheduler.getSchedule(r -> r.name(name).groupName(GROUP));
    assertEquals(at.expression(), kept.scheduleExpression());
    assertEquals("UTC", kept.scheduleExpressionTimezone());
    assertEquals(ScheduleState.ENABLED, kept.state());
    assertEquals(185, kept.target().retryPolicy().maximumRetryAttempts(), "the documented default");
    assertEquals(86_400, kept.target().retryPolicy().maximumEventAgeInSeconds(), "the documented default");
    assertEquals(input, kept.target().input());
    assertTrue(scheduler.listSchedules(r -> r.groupName(GROUP).namePrefix(name)).schedules().stream()
        .anyMatch(s -> s.arn().equals(arn) && s.target().arn().equals(REMIND_ARN)));
  }

  @Test
  void anUpdateMovesTheScheduleAndADeleteCancelsIt() {
    String moved = "moved-" + UUID.randomUUID();
    String deleted = "deleted-" + UUID.randomUUID();
    At soon = atSecondsFromNow(2);
    At later = atSecondsFromNow(5);
    scheduler.createSchedule(oneTime(moved, soon, "{\"which\":\"moved\"}", ActionAfterCompletion.NONE));
    scheduler.createSchedule(oneTime(deleted, soon, "{\"which\":\"deleted\"}", ActionAfterCompletion.NONE));
    scheduler.updateSchedule(r -> r.name(moved).groupName(GROUP).scheduleExpression(later.expression())
        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
        .target(t -> t.arn(REMIND_ARN).roleArn(ROLE_ARN).input("{\"which\":\"moved\"}")));
    scheduler.deleteSchedule(r -> r.name(deleted).groupName(GROUP));

    List<Message> fired = receive(elasticMq, RECORD_QUEUE, Duration.ofSeconds(9));

    assertEquals(List.of("{\"which\":\"moved\"}"), fired.stream().map(Message::body).toList());
    long late = Duration.between(later.instant(), sentAt(fired.getFirst())).toMillis();
    assertTrue(late >= 0 && late <= 2000, "fired " + late + " ms after its new time");
    assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(r -> r.name(deleted).groupName(GROUP)));
  }

  @Test
  void actionAfterCompletionDeleteRemovesTheScheduleOnceItFired() {
    String name = "once-" + UUID.randomUUID();
    scheduler.createSchedule(oneTime(name, atSecondsFromNow(1), "{\"delete\":true}", ActionAfterCompletion.DELETE));
    assertTrue(stored(name));

    assertEquals(1, receive(elasticMq, RECORD_QUEUE, Duration.ofSeconds(4)).size());

    assertFalse(stored(name), "deleted after its invocation");
    ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
        () -> scheduler.getSchedule(r -> r.name(name).groupName(GROUP)));
    assertEquals(404, gone.statusCode());
  }

  @Test
  void aDisabledScheduleDoesNotFire() {
    String name = "disabled-" + UUID.randomUUID();
    scheduler.createSchedule(oneTime(name, atSecondsFromNow(1), "{}", ActionAfterCompletion.NONE)
        .andThen(r -> r.state(ScheduleState.DISABLED)));

    assertEquals(List.of(), receive(elasticMq, RECORD_QUEUE, Duration.ofSeconds(4)));
  }

  /**
   * The role may not invoke the function: each attempt's Invoke is refused (AccessDeniedException), retried per
   * RetryPolicy, then the dead-letter event goes to the queue with its attributes ("Configuring a dead-letter queue").
   * The Input's attempt-number context attribute counts the attempts.
   */
  @Test
  void aRoleThatCannotInvokeIsRetriedThenItsEventGoesToTheDeadLetterQueue() throws Exception {
    String name = "refused-" + UUID.randomUUID();
    At at = atSecondsFromNow(1);
    String arn = scheduler.createSchedule(r -> r.name(name).groupName(GROUP).scheduleExpression(at.expression())
        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
        .target(t -> t.arn(REMIND_ARN).roleArn(POWERLESS_ROLE_ARN)
            .input("{\"attempt\":\"<aws.scheduler.attempt-number>\",\"schedule\":\"<aws.scheduler.schedule-arn>\"}")
            .retryPolicy(p -> p.maximumRetryAttempts(2).maximumEventAgeInSeconds(60))
            .deadLetterConfig(d -> d.arn(DEAD_LETTERS_ARN)))).scheduleArn();

    List<Message> dead = receive(elasticMq, DEAD_LETTERS, Duration.ofSeconds(5));

    assertEquals(1, dead.size());
    assertEquals(JSON.readTree("{\"attempt\":\"3\",\"schedule\":\"" + arn + "\"}"), JSON.readTree(dead.getFirst().body()),
        "three attempts: the first and two retries");
    Map<String, String> attributes = new java.util.TreeMap<>();
    dead.getFirst().messageAttributes().forEach((key, value) -> {
      assertEquals("String", value.dataType(), key);
      attributes.put(key, value.stringValue());
    });
    assertEquals(List.of("ERROR_CODE", "ERROR_MESSAGE", "EXECUTION_ID", "EXHAUSTED_RETRY_CONDITION",
        "IS_PAYLOAD_TRUNCATED", "RETRY_ATTEMPTS", "SCHEDULED_TIME", "SCHEDULE_ARN", "TARGET_ARN"),
        List.copyOf(attributes.keySet()));
    assertEquals("AccessDeniedException", attributes.get("ERROR_CODE"));
    assertTrue(attributes.get("ERROR_MESSAGE").contains("assumed-role/powerless-scheduler/")
        && attributes.get("ERROR_MESSAGE").contains("lambda:InvokeFunction on resource: " + REMIND_ARN),
        attributes.get("ERROR_MESSAGE"));
    assertEquals("2", attributes.get("RETRY_ATTEMPTS"));
    assertEquals("MaximumRetryAttempts", attributes.get("EXHAUSTED_RETRY_CONDITION"));
    assertEquals("false", attributes.get("IS_PAYLOAD_TRUNCATED"));
    assertEquals(at.instant().toString(), attributes.get("SCHEDULED_TIME"));
    assertEquals(arn, attributes.get("SCHEDULE_ARN"));
    assertEquals(REMIND_ARN, attributes.get("TARGET_ARN"));
    assertEquals(36, attributes.get("EXECUTION_ID").length());
    assertEquals(List.of(), receive(elasticMq, RECORD_QUEUE, Duration.ofSeconds(1)), "never invoked");
  }

  /**
   * Lambda answers an Invoke of a qualifier the function does not have with ResourceNotFoundException ("Invoke",
   * Errors), even when IAM allows it: RemindFunction publishes no alias, so {@code :unpublished} is dead-lettered
   * with that error, while {@code :$LATEST}, which every function has, runs it.
   */
  @Test
  void anAliasTheFunctionDoesNotHaveIsNotFoundAndLatestRuns() throws Exception {
    String name = "unpublished-" + UUID.randomUUID();
    scheduler.createSchedule(r -> r.name(name).groupName(GROUP).scheduleExpression(atSecondsFromNow(1).expression())
        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
        .target(t -> t.arn(REMIND_ARN + ":unpublished").roleArn(ANY_QUALIFIER_ROLE_ARN).input("{\"alias\":true}")
            .retryPolicy(p -> p.maximumRetryAttempts(0).maximumEventAgeInSeconds(60))
            .deadLetterConfig(d -> d.arn(DEAD_LETTERS_ARN))));
    scheduler.createSchedule(r -> r.name("latest-" + name).groupName(GROUP)
        .scheduleExpression(atSecondsFromNow(1).expression())
        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
        .target(t -> t.arn(REMIND_ARN + ":$LATEST").roleArn(ANY_QUALIFIER_ROLE_ARN).input("{\"latest\":true}")));

    List<Message> dead = receive(elasticMq, DEAD_LETTERS, Duration.ofSeconds(4));
    List<Message> fired = receive(elasticMq, RECORD_QUEUE, Duration.ofSeconds(1));

    assertEquals(1, dead.size(), dead.toString());
    assertEquals("ResourceNotFoundException", dead.getFirst().messageAttributes().get("ERROR_CODE").stringValue());
    assertEquals("Function not found: " + REMIND_ARN + ":unpublished",
        dead.getFirst().messageAttributes().get("ERROR_MESSAGE").stringValue());
    assertEquals(List.of("{\"latest\":true}"), fired.stream().map(Message::body).toList());
  }

  private static boolean stored(String name) {
    return stack.runtime().scheduler().orElseThrow().schedules().stream().anyMatch(s -> s.name().equals(name));
  }
}
