package dev.taskapi.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.iam.SignedJsonRequests;
import dev.taskapi.local.lambda.FunctionCredentials;
import dev.taskapi.local.template.RoleDef;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Fires the stored schedules: every {@value #TICK_MILLIS} ms, each ENABLED one-time schedule whose time has come and
 * that has not fired runs an execution on a thread of its own, so a schedule fires within a second of its time
 * (also one whose time passed while the stack was down: at the next start).
 *
 * <p>An execution is what EventBridge Scheduler does with a Lambda target: it assumes the target's RoleArn (a role of
 * the template that trusts {@code scheduler.amazonaws.com}; "Set up the execution role") and, with that role's
 * credentials, calls Lambda's Invoke with {@code InvocationType: Event} and Target.Input as the event (the local
 * Lambda endpoint authorizes {@code lambda:InvokeFunction} against the role's policies, answers 202 and runs the
 * function on a thread of its own: Scheduler never sees the function's result, nor its errors). A refused invoke
 * (403, 404...) is retried with exponential backoff until RetryPolicy's MaximumRetryAttempts or
 * MaximumEventAgeInSeconds runs out; then, with a DeadLetterConfig, the event goes to that queue through the local SQS
 * endpoint, sent as the role (it needs {@code sqs:SendMessage}), with the message attributes of a dead-letter event
 * (Scheduler User Guide, "Configuring a dead-letter queue"). After the execution a schedule whose
 * ActionAfterCompletion is DELETE is deleted; one of NONE stays, completed.
 */
final class ScheduleRunner implements AutoCloseable {
  static final long TICK_MILLIS = 250;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  // Backoff between attempts: doubling from the first delay, at most this.
  private static final Duration MAX_DELAY = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoredSchedules schedules;
  private final String region;
  private final Map<String, RoleDef> rolesByArn;
  private final Map<String, FunctionCredentials> roleCredentials;
  private final URI lambdaEndpoint;
  private final Optional<URI> sqsEndpoint;
  private final Duration firstRetryDelay;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("local-scheduler").daemon().factory());
  private final java.util.concurrent.ExecutorService executions = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean closed;

  /**
   * @param rolesByArn the template's roles by ARN, with {@code roleCredentials} their sessions by logical id
   * @param firstRetryDelay the delay before the first retry, doubled before each next one
   */
  ScheduleRunner(StoredSchedules schedules, String region, Map<String, RoleDef> rolesByArn,
      Map<String, FunctionCredentials> roleCredentials, URI lambdaEndpoint, Optional<URI> sqsEndpoint,
      Duration firstRetryDelay, Clock clock) {
    this.schedules = schedules;
    this.region = region;
    this.rolesByArn = Map.copyOf(rolesByArn);
    this.roleCredentials = Map.copyOf(roleCredentials);
    this.lambdaEndpoint = lambdaEndpoint;
    this.sqsEndpoint = sqsEndpoint;
    this.firstRetryDelay = firstRetryDelay;
    this.clock = clock;
  }

  void start() {
    ticker.scheduleWithFixedDelay(this::fireDue, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    ticker.shutdownNow();
    executions.shutdownNow();
    http.close();
  }

  private void fireDue() {
    Instant now = clock.instant();
    for (Schedule schedule : schedules.all()) {
      if (schedule.state().equals("ENABLED") && !schedule.completed() && !schedule.fireAt().isAfter(now)
          && running.add(schedule.key())) {
        executions.execute(() -> {
          try {
            execute(schedule);
          } finally {
            running.remove(schedule.key());
          }
        });
      }
    }
  }

  private void execute(Schedule schedule) {
    String executionId = UUID.randomUUID().toString();
    Instant first = clock.instant();
    for (int attempt = 0; ; attempt++) {
      Failure failure = invoke(schedule, executionId, attempt);
      if (failure == null || closed) {
        break;
      }
      Duration delay = delay(attempt);
      String exhausted = attempt >= schedule.maximumRetryAttempts() ? "MaximumRetryAttempts"
          : Duration.between(first, clock.instant().plus(delay)).toSeconds() > schedule.maximumEventAgeInSeconds()
              ? "MaximumEventAgeInSeconds" : null;
      if (exhausted != null) {
        deadLetter(schedule, executionId, attempt, failure, exhausted);
        break;
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        return; // the stack is closing; the schedule fires again at the next start
      }
    }
    if (!closed) {
      schedules.replaceIfUnchanged(schedule, s -> s.actionAfterCompletion().equals("DELETE") ? null : s.fired());
    }
  }

  private Duration delay(int attempt) {
    Duration delay = firstRetryDelay.multipliedBy(1L << Math.min(attempt, 20));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  /** Why an attempt failed: the error code and message Lambda answered, or the role's. */
  private record Failure(String code, String message) {}

  private Failure invoke(Schedule schedule, String executionId, int attempt) {
    Optional<AwsSessionCredentialsIdentity> role = assumeRole(schedule);
    if (role.isEmpty()) {
      return log(schedule, new Failure("AccessDeniedException", "EventBridge Scheduler cannot assume "
          + schedule.roleArn() + ": it is no role of the template that trusts scheduler.amazonaws.com"));
    }
    // The target's ARN whole, as Scheduler invokes it: an alias's or version's qualifier is part of what IAM checks.
    String function = URLEncoder.encode(schedule.targetArn(), StandardCharsets.UTF_8);
    HttpRequest request = SignedJsonRequests.post(
        lambdaEndpoint.resolve("/2015-03-31/functions/" + function + "/invocations"),
        Map.of("X-Amz-Invocation-Type", "Event", "Content-Type", "application/json"),
        payload(schedule, executionId, attempt).getBytes(StandardCharsets.UTF_8), role.get(), "lambda", region,
        CALL_TIMEOUT);
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 202) {
        return null;
      }
      JsonNode error = parse(answer.body());
      return log(schedule, new Failure(answer.headers().firstValue("x-amzn-ErrorType").orElse("ServiceException"),
          error.path("message").asText(error.path("Message").asText(answer.body()))));
    } catch (IOException e) {
      return log(schedule, new Failure("AWS.Scheduler.InternalServerError", "Lambda did not answer: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure("AWS.Scheduler.InternalServerError", "interrupted");
    }
  }

  /**
   * Target.Input with its context attributes filled in ("Adding context attributes", Scheduler User Guide:
   * {@code <aws.scheduler.schedule-arn>}, {@code <aws.scheduler.scheduled-time>}, {@code
   * <aws.scheduler.execution-id>}, {@code <aws.scheduler.attempt-number>}); {@code {}} without an Input.
   */
  private String payload(Schedule schedule, String executionId, int attempt) {
    return schedule.input().orElse("{}")
        .replace("<aws.scheduler.schedule-arn>", schedule.arn(region))
        .replace("<aws.scheduler.scheduled-time>", scheduledTime(schedule))
        .replace("<aws.scheduler.execution-id>", executionId)
        .replace("<aws.scheduler.attempt-number>", Integer.toString(attempt + 1));
  }

  private static String scheduledTime(Schedule schedule) {
    return schedule.fireAt().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The role's session, as STS would give Scheduler one: only for a role of the template that trusts it. */
  private Optional<AwsSessionCredentialsIdentity> assumeRole(Schedule schedule) {
    return Optional.ofNullable(rolesByArn.get(schedule.roleArn()))
        .filter(role -> role.trusts("scheduler.amazonaws.com"))
        .map(role -> roleCredentials.get(role.logicalId()))
        .map(c -> AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
  }

  /**
   * The dead-letter event: the payload as its body and the attributes the User Guide's example shows, each a String
   * ("Configuring a dead-letter queue", "Retrieve the dead-letter event"). Without a DeadLetterConfig, or when the
   * role may not send to it, the event is dropped (logged).
   */
  private void deadLetter(Schedule schedule, String executionId, int retries, Failure failure, String exhausted) {
    Optional<String> queueArn = schedule.deadLetterArn();
    Optional<AwsSessionCredentialsIdentity> role = assumeRole(schedule);
    if (queueArn.isEmpty() || role.isEmpty() || sqsEndpoint.isEmpty()) {
      System.err.println("Scheduler: " + schedule.arn(region) + " failed (" + failure.code() + ") and is dropped: "
          + (queueArn.isEmpty() ? "no DeadLetterConfig" : role.isEmpty() ? "no role to send it with"
              : "the template has no SQS queue"));
      return;
    }
    String queueName = queueArn.get().substring(queueArn.get().lastIndexOf(':') + 1);
    ObjectNode message = JSON.createObjectNode()
        .put("QueueUrl", FakeAws.sqsQueueUrl(region, queueName))
        .put("MessageBody", payload(schedule, executionId, retries));
    ObjectNode attributes = message.putObject("MessageAttributes");
    Map.of("ERROR_CODE", failure.code(), "ERROR_MESSAGE", failure.message(), "EXECUTION_ID", executionId,
            "EXHAUSTED_RETRY_CONDITION", exhausted, "IS_PAYLOAD_TRUNCATED", "false",
            "RETRY_ATTEMPTS", Integer.toString(retries), "SCHEDULED_TIME", scheduledTime(schedule),
            "SCHEDULE_ARN", schedule.arn(region), "TARGET_ARN", schedule.targetArn())
        .forEach((name, value) -> attributes.putObject(name).put("DataType", "String").put("StringValue", value));
    try {
      HttpResponse<String> answer = http.send(SignedJsonRequests.post(sqsEndpoint.get(), "AmazonSQS.SendMessage",
          JSON.writeValueAsBytes(message), role.get(), "sqs", region, CALL_TIMEOUT), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        System.err.println("Scheduler: " + schedule.arn(region) + " failed and its dead-letter event could not be "
            + "sent to " + queueArn.get() + ": " + answer.body());
      }
    } catch (IOException e) {
      System.err.println("Scheduler: the dead-letter event of " + schedule.arn(region) + " was not sent: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Failure log(Schedule schedule, Failure failure) {
    System.err.println("Scheduler: " + schedule.arn(region) + " could not invoke " + schedule.targetArn() + ": "
        + failure.code() + ": " + failure.message());
    return failure;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
