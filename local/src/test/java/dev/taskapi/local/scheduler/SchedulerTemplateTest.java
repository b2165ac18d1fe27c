package dev.taskapi.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.iam.FunctionPolicies;
import dev.taskapi.local.iam.UnusedGrantsReport;
import dev.taskapi.local.lambda.LambdaEnvironment;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateException;
import dev.taskapi.local.template.TemplateLoader;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * scheduler-template.yaml read as the local stack reads it: the schedule group and the roles resolve as
 * CloudFormation resolves them (AWS::Scheduler::ScheduleGroup and AWS::IAM::Role, "Return values"), the execution
 * roles' inline policies are principals of the local IAM engine and of the unused-grants report.
 */
class SchedulerTemplateTest {
  private static final SamTemplate TEMPLATE = TemplateLoader.load(SchedulerStack.TEMPLATE, Map.of(), "us-east-1");

  @Test
  void theGroupAndTheRolesResolveAsCloudFormationResolvesThem() {
    Map<String, String> variables = TEMPLATE.function("SchedulingFunction").environment();
    assertEquals("taskapi-local-reminders", variables.get("SCHEDULE_GROUP"), "!Ref: the group's name");
    assertEquals("arn:aws:scheduler:us-east-1:123456789012:schedule-group/taskapi-local-reminders",
        variables.get("SCHEDULE_GROUP_ARN"));
    assertEquals(SchedulerStack.ROLE_ARN, variables.get("SCHEDULER_ROLE_ARN"));
    assertEquals("ReminderSchedulerRole", variables.get("SCHEDULER_ROLE_NAME"), "!Ref: the role's name");
    assertEquals(4, TEMPLATE.roles().size());
    assertEquals(java.util.List.of("ReminderSchedulerRole", "PowerlessSchedulerRole", "AnyQualifierSchedulerRole"),
        FunctionPolicies.assumedRoles(TEMPLATE).stream().map(role -> role.logicalId()).toList(),
        "the API Gateway role is read, never assumed");
  }

  @Test
  void theExecutionRolesGrantsAreInTheUnusedGrantsReport() {
    String report = UnusedGrantsReport.render(FunctionPolicies.of(TEMPLATE), Set.of());
    assertTrue(report.contains("  ReminderSchedulerRole: 2 of 2 unused\n"
        + "    lambda:InvokeFunction on arn:aws:lambda:us-east-1:123456789012:function:RemindFunction "
        + "(Policies[0] InvokeReminders.Statement[0])\n"), report);
    assertTrue(report.contains("iam:PassRole on " + SchedulerStack.ROLE_ARN), report);
    assertFalse(report.contains("LoggingRole"), report);
  }

  @Test
  void anExecutionRoleTheEngineCannotEvaluateStopsTheLoad() throws Exception {
    String yaml = Files.readString(SchedulerStack.TEMPLATE).replace(
        "      RoleName: powerless-scheduler\n",
        "      RoleName: powerless-scheduler\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n");
    TemplateException stopped = assertThrows(TemplateException.class, () -> TemplateLoader.parse(yaml, Map.of(),
        "us-east-1"));
    assertTrue(stopped.getMessage().contains("PowerlessSchedulerRole") && stopped.getMessage().contains(
        "ManagedPolicyArns"), stopped.getMessage());
  }

  /** SCHEDULER_ENDPOINT, like SQS_ENDPOINT, is the local stack's own: given only when a local scheduler runs. */
  @Test
  void theFunctionsGetSchedulerEndpointOnlyWhenTheLocalSchedulerRuns() {
    var function = TEMPLATE.function("SchedulingFunction");
    LambdaEnvironment without = TestTemplates.unconnectedEnvironment(TEMPLATE);
    assertFalse(without.forFunction(function).containsKey("SCHEDULER_ENDPOINT"));
    LambdaEnvironment with = new LambdaEnvironment(without.region(), without.dynamoDbEndpoint(),
        without.credentials(), without.secretsPort(), without.sesEndpoint(), without.lambdaEndpoint(), null,
        URI.create("http://127.0.0.1:9"));
    assertEquals("http://127.0.0.1:9", with.forFunction(function).get("SCHEDULER_ENDPOINT"));
  }
}
