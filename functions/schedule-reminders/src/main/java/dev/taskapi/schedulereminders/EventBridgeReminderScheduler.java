package dev.taskapi.schedulereminders;

import dev.taskapi.config.Environment;
import dev.taskapi.domain.ReminderSchedule;
import dev.taskapi.store.dynamodb.AwsClientSettings;
import dev.taskapi.store.dynamodb.PrimingSendGuard;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.endpoints.SchedulerEndpointProvider;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/**
 * {@link ReminderScheduler} on Amazon EventBridge Scheduler: one one-time schedule ({@code at(...)} in UTC, no
 * flexible time window) per reminder, in the stack's schedule group ({@code REMINDER_SCHEDULE_GROUP}), whose target
 * is the reminder function ({@code REMINDER_TARGET_ARN}) invoked with the role {@code REMINDER_ROLE_ARN}, retried
 * {@code REMINDER_RETRY_ATTEMPTS} times within a day (the template's default: 185, the service's most) and then
 * dead-lettered to {@code REMINDER_DEAD_LETTER_ARN}.
 * A schedule deletes itself once it has fired ({@code ActionAfterCompletion: DELETE}), so the group holds only
 * what is still to come.
 */
public final class EventBridgeReminderScheduler implements ReminderScheduler {
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("'at('yyyy-MM-dd'T'HH:mm:ss')'").withZone(ZoneOffset.UTC);
  /** The RetryPolicy's longest age (EventBridge Scheduler API Reference, "RetryPolicy": 60 to 86,400 s). */
  private static final int MAX_EVENT_AGE_SECONDS = 86_400;

  private final SchedulerClient scheduler;
  private final String group;
  private final String targetArn;
  private final String roleArn;
  private final String deadLetterArn;
  private final int retryAttempts;

  EventBridgeReminderScheduler(SchedulerClient scheduler, String group, String targetArn, String roleArn,
      String deadLetterArn, int retryAttempts) {
    this.scheduler = scheduler;
    this.group = group;
    this.targetArn = targetArn;
    this.roleArn = roleArn;
    this.deadLetterArn = deadLetterArn;
    this.retryAttempts = retryAttempts;
  }

  static EventBridgeReminderScheduler fromEnvironment(Environment env) {
    return new EventBridgeReminderScheduler(client(env), env.required("REMINDER_SCHEDULE_GROUP"),
        env.required("REMINDER_TARGET_ARN"), env.required("REMINDER_ROLE_ARN"),
        env.required("REMINDER_DEAD_LETTER_ARN"), Integer.parseInt(env.required("REMINDER_RETRY_ATTEMPTS")));
  }

  /**
   * The function's Scheduler client: {@code SCHEDULER_ENDPOINT} when set (the local stack), else the region's.
   * Public for the bench, whose warm baseline replays the function's calls through a client configured the same way.
   */
  public static SchedulerClient client(Environment env) {
    Region region = AwsClientSettings.region(env);
    URI url = AwsClientSettings.endpoint(env, "SCHEDULER_ENDPOINT", () -> SchedulerEndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(region).useFips(false).useDualStack(false)).join().url());
    Endpoint endpoint = Endpoint.builder().url(url).build();
    return AwsClientSettings.configure(SchedulerClient.builder(), env, region, url,
            AwsClientSettings.overrideConfiguration().addExecutionInterceptor(new PrimingSendGuard()).build())
        .endpointProvider(params -> CompletableFuture.completedFuture(endpoint))
        .build();
  }

  @Override
  public void schedule(ReminderSchedule schedule, Instant at) {
    try {
      scheduler.createSchedule(r -> r
          .name(schedule.name())
          .groupName(group)
          .scheduleExpression(AT.format(wholeSecondFrom(at)))
          .scheduleExpressionTimezone("UTC")
          .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
          .actionAfterCompletion(ActionAfterCompletion.DELETE)
          .target(t -> t
              .arn(targetArn)
              .roleArn(roleArn)
              .input(schedule.toJson())
              .retryPolicy(p -> p.maximumRetryAttempts(retryAttempts)
                  .maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS))
              .deadLetterConfig(d -> d.arn(deadLetterArn))));
    } catch (ConflictException exists) {
      // Scheduled by an earlier attempt at this batch: its name is its reminder and moment.
    }
  }

  /** at() counts whole seconds: a moment within a second is scheduled at the next one, never before itself. */
  static Instant wholeSecondFrom(Instant at) {
    Instant second = at.truncatedTo(ChronoUnit.SECONDS);
    return second.equals(at) ? at : second.plusSeconds(1);
  }

  @Override
  public void cancel(ReminderSchedule schedule) {
    try {
      scheduler.deleteSchedule(r -> r.name(schedule.name()).groupName(group));
    } catch (ResourceNotFoundException gone) {
      // Fired (and deleted itself), or never scheduled because its moment had passed.
    }
  }
}
