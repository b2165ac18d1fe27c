package dev.taskapi.local.scheduler;

import dev.taskapi.local.iam.FunctionPolicies;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.lambda.FunctionCredentials;
import dev.taskapi.local.template.RoleDef;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.ScheduleGroupDef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local Amazon EventBridge Scheduler of a template: its schedule groups, the schedules the functions create
 * through {@link LocalSchedulerEndpoint} (their SCHEDULER_ENDPOINT), kept in the data folder, and the
 * {@link ScheduleRunner} that fires them as their execution roles. It starts only for a template that declares an
 * AWS::Scheduler::ScheduleGroup.
 */
public final class LocalScheduler implements AutoCloseable {
  private final StoredSchedules schedules;
  private final LocalSchedulerEndpoint endpoint;
  private final ScheduleRunner runner;
  private final String region;

  private LocalScheduler(StoredSchedules schedules, LocalSchedulerEndpoint endpoint, ScheduleRunner runner,
      String region) {
    this.schedules = schedules;
    this.endpoint = endpoint;
    this.runner = runner;
    this.region = region;
  }

  /**
   * The scheduler of {@code template} on {@code folder}, serving its endpoint; it fires once {@link #startFiring} is
   * called (when the functions it invokes are up). Empty when the template has no schedule group.
   *
   * @param roleCredentials the sessions of the roles the scheduler assumes ({@link FunctionPolicies#assumedRoles}),
   *     by logical id, which the local endpoints know as principals
   * @param sqsEndpoint the local SQS endpoint, for dead-letter queues; empty without a local SQS
   * @param firstRetryDelay the delay before an execution's first retry, doubled before each next one
   */
  public static Optional<LocalScheduler> start(SamTemplate template, Path folder, Principals principals,
      IamAuthorizer authorizer, Map<String, FunctionCredentials> roleCredentials, URI lambdaEndpoint,
      Optional<URI> sqsEndpoint, Duration firstRetryDelay) throws IOException {
    if (template.scheduleGroups().isEmpty()) {
      return Optional.empty();
    }
    StoredSchedules schedules = StoredSchedules.open(folder);
    LocalSchedulerEndpoint endpoint = new LocalSchedulerEndpoint(template.region(), principals, authorizer,
        template.scheduleGroups().stream().map(ScheduleGroupDef::name).collect(Collectors.toSet()), schedules,
        Clock.systemUTC());
    Map<String, RoleDef> rolesByArn =
        FunctionPolicies.assumedRoles(template).stream().collect(Collectors.toMap(RoleDef::arn, Function.identity()));
    ScheduleRunner runner = new ScheduleRunner(schedules, template.region(), rolesByArn, roleCredentials,
        lambdaEndpoint, sqsEndpoint, firstRetryDelay, Clock.systemUTC());
    return Optional.of(new LocalScheduler(schedules, endpoint, runner, template.region()));
  }

  /** Fires the due schedules from now on: those whose time passed while the stack was down first. */
  public void startFiring() {
    runner.start();
  }

  /** The endpoint the functions get as SCHEDULER_ENDPOINT. */
  public URI endpoint() {
    return endpoint.endpoint();
  }

  /** The stored schedules, by group then name: for tests' inspection, never for functions. */
  public List<Schedule> schedules() {
    return schedules.all();
  }

  /** A stored schedule's ARN, as CreateSchedule answers it. */
  public String arnOf(Schedule schedule) {
    return schedule.arn(region);
  }

  @Override
  public void close() {
    try {
      endpoint.close();
    } finally {
      runner.close();
    }
  }
}
