package dev.taskapi.local.scheduler;

import static dev.taskapi.local.scheduler.LocalSchedulerTest.oneTime;
import static dev.taskapi.local.scheduler.SchedulerStack.GROUP;
import static dev.taskapi.local.scheduler.SchedulerStack.REMIND_ARN;
import static dev.taskapi.local.scheduler.SchedulerStack.ROLE_ARN;
import static dev.taskapi.local.scheduler.SchedulerStack.atSecondsFromNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.lambda.FunctionCredentials;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * What the local Scheduler endpoint refuses, and with which of EventBridge Scheduler's errors (API Reference,
 * "CreateSchedule", "Errors"; the signature errors as the other local endpoints answer them); nothing refused is
 * stored.
 */
class LocalSchedulerEndpointTest {
  @RegisterExtension static final SchedulerStack stack = new SchedulerStack();

  @Test
  void aWrongSecretAnUnknownKeyOrNoSignatureIsRefusedAndNothingStored() {
    FunctionCredentials own = stack.runtime().lambdaEnvironment().credentials().get("SchedulingFunction");
    URI endpoint = stack.runtime().lambdaEnvironment().schedulerEndpoint();
    Map<String, SchedulerClient> callers = Map.of(
        "InvalidSignatureException",
        SchedulerStack.client(endpoint, AwsSessionCredentials.create(own.accessKeyId(), "wrong", own.sessionToken())),
        "UnrecognizedClientException", SchedulerStack.client(endpoint,
            AwsSessionCredentials.create("ASIAUNKNOWN", own.secretAccessKey(), own.sessionToken())),
        "MissingAuthenticationTokenException",
        SchedulerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create()).build());
    callers.forEach((expected, client) -> {
      try (client) {
        String name = "forged-" + UUID.randomUUID();
        SchedulerException refused = assertThrows(SchedulerException.class,
            () -> client.createSchedule(valid(name)));
        assertEquals(403, refused.statusCode(), expected);
        assertEquals(expected, refused.awsErrorDetails().errorCode());
        assertNotStored(name);
      }
    });
  }

  /**
   * A caller needs scheduler:CreateSchedule on the schedule's ARN, and iam:PassRole on the target's role for
   * scheduler.amazonaws.com: it passes the role to Scheduler ("Set up the execution role", Scheduler User Guide).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "BystanderFunction|is not authorized to perform: scheduler:CreateSchedule on resource: "
          + "arn:aws:scheduler:us-east-1:123456789012:schedule/" + GROUP + "/",
      "NoPassRoleFunction|is not authorized to perform: iam:PassRole on resource: " + ROLE_ARN + " because"})
  void aCallerNotAllowedTheActionOrToPassTheRoleIsDeniedAndNothingStored(String function, String denial) {
    String name = "denied-" + UUID.randomUUID();
    try (SchedulerClient caller = stack.clientOf(function)) {
      SchedulerException denied = assertThrows(SchedulerException.class, () -> caller.createSchedule(valid(name)));
      assertEquals(403, denied.statusCode());
      assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
      assertTrue(denied.awsErrorDetails().errorMessage().startsWith("User: arn:aws:sts::123456789012:assumed-role/"
          + function + "Role/" + function + " " + denial), denied.awsErrorDetails().errorMessage());
    }
    assertNotStored(name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "rate(5 minutes)|UTC|OFF||185|supports only one-time schedules",
      "cron(0 12 * * ? *)|UTC|OFF||185|supports only one-time schedules",
      "at(2030-02-30T10:00:00)|UTC|OFF||185|no date and time",
      "at(2030-01-01 10:00:00)|UTC|OFF||185|Invalid Schedule Expression",
      "at(2030-01-01T10:00:00)|Mars/Olympus|OFF||185|ScheduleExpressionTimezone",
      "at(2030-01-01T10:00:00)|UTC|FLEXIBLE||185|MaximumWindowInMinutes",
      "at(2030-01-01T10:00:00)|UTC|FLEXIBLE|1441|185|MaximumWindowInMinutes",
      "at(2030-01-01T10:00:00)|UTC|OFF|5|185|MaximumWindowInMinutes",
      "at(2030-01-01T10:00:00)|UTC|OFF||186|MaximumRetryAttempts"})
  void whatSchedulerRejectsIsAValidationExceptionAndNothingStored(String expression, String zone, String mode,
      Integer window, int retries, String why) {
    String name = "invalid-" + UUID.randomUUID();
    try (SchedulerClient scheduler = stack.clientOf("SchedulingFunction")) {
      ValidationException invalid = assertThrows(ValidationException.class, () -> scheduler.createSchedule(r -> r
          .name(name).groupName(GROUP).scheduleExpression(expression).scheduleExpressionTimezone(zone)
          .flexibleTimeWindow(w -> w.mode(mode).maximumWindowInMinutes(window))
          .target(t -> t.arn(REMIND_ARN).roleArn(ROLE_ARN).retryPolicy(p -> p.maximumRetryAttempts(retries)))));
      assertEquals(400, invalid.statusCode());
      assertTrue(invalid.awsErrorDetails().errorMessage().contains(why), invalid.awsErrorDetails().errorMessage());
    }
    assertNotStored(name);
  }

  @Test
  void otherRefusalsOfTheTargetAreValidationExceptions() {
    try (SchedulerClient scheduler = stack.clientOf("SchedulingFunction")) {
      for (Consumer<CreateScheduleRequest.Builder> invalid : java.util.List.<Consumer<CreateScheduleRequest.Builder>>of(
          r -> r.target(t -> t.arn("arn:aws:sqs:us-east-1:123456789012:RecordQueue").roleArn(ROLE_ARN)),
          r -> r.target(t -> t.arn(REMIND_ARN).roleArn(ROLE_ARN).input("not json")),
          r -> r.target(t -> t.arn(REMIND_ARN).roleArn(ROLE_ARN).retryPolicy(p -> p.maximumEventAgeInSeconds(59))),
          r -> r.target(t -> t.arn(REMIND_ARN).roleArn(ROLE_ARN).deadLetterConfig(d -> d.arn("queue"))),
          r -> r.actionAfterCompletion("KEEP"),
          r -> r.state("PAUSED"),
          r -> r.kmsKeyArn("arn:aws:kms:us-east-1:123456789012:key/1"))) {
        String name = "invalid-" + UUID.randomUUID();
        assertThrows(ValidationException.class, () -> scheduler.createSchedule(valid(name).andThen(invalid)));
        assertNotStored(name);
      }
    }
  }

  @Test
  void aMissingGroupIsNotFoundATakenNameAConflictAndTheSameRequestAgainItsFirstAnswer() {
    try (SchedulerClient scheduler = stack.clientOf("SchedulingFunction")) {
      ResourceNotFoundException noGroup = assertThrows(ResourceNotFoundException.class, () -> scheduler
          .createSchedule(valid("x").andThen(r -> r.groupName("no-such-group"))));
      assertEquals(404, noGroup.statusCode());
      assertEquals("Schedule group no-such-group does not exist.", noGroup.awsErrorDetails().errorMessage());

      String name = "taken-" + UUID.randomUUID();
      String token = UUID.randomUUID().toString();
      Consumer<CreateScheduleRequest.Builder> request = valid(name).andThen(r -> r.clientToken(token));
      String arn = scheduler.createSchedule(request).scheduleArn();
      assertEquals(arn, scheduler.createSchedule(request).scheduleArn(),
          "the SDK's retry of a CreateSchedule whose answer was lost (same ClientToken, same request) succeeds");
      ConflictException taken = assertThrows(ConflictException.class, () -> scheduler.createSchedule(valid(name)));
      assertEquals(409, taken.statusCode());
      assertThrows(ConflictException.class, () -> scheduler.createSchedule(request
          .andThen(r -> r.description("another request"))));
      assertEquals(1, stack.runtime().scheduler().orElseThrow().schedules().stream()
          .filter(s -> s.name().equals(name)).count());

      assertThrows(ResourceNotFoundException.class, () -> scheduler.updateSchedule(r -> r.name("missing")
          .groupName(GROUP).scheduleExpression("at(2030-01-01T10:00:00)")
          .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
          .target(t -> t.arn(REMIND_ARN).roleArn(ROLE_ARN))));
      assertThrows(ResourceNotFoundException.class, () -> scheduler.deleteSchedule(r -> r.name("missing")
          .groupName(GROUP)));
      String deleteToken = UUID.randomUUID().toString();
      scheduler.deleteSchedule(r -> r.name(name).groupName(GROUP).clientToken(deleteToken));
      scheduler.deleteSchedule(r -> r.name(name).groupName(GROUP).clientToken(deleteToken));
      assertNotStored(name);
    }
  }

  /** A schedule far in the future, valid in every respect. */
  private static Consumer<CreateScheduleRequest.Builder> valid(String name) {
    return oneTime(name, atSecondsFromNow(3600), "{}", ActionAfterCompletion.NONE);
  }

  private static void assertNotStored(String name) {
    assertTrue(stack.runtime().scheduler().orElseThrow().schedules().stream().noneMatch(s -> s.name().equals(name)),
        name + " is not stored");
  }
}
