package dev.taskapi.local.template;

import static dev.taskapi.local.template.Intrinsics.asMap;

import dev.taskapi.local.aws.FakeAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the template's AWS::IAM::Role resources (CloudFormation User Guide, AWS::IAM::Role) and its
 * AWS::Scheduler::ScheduleGroup resources. A role the local stack assumes (one a service it emulates, EventBridge
 * Scheduler, may assume) must be evaluable exactly: inline {@code Policies} only. What cannot be evaluated
 * (ManagedPolicyArns, a PermissionsBoundary, a Path) stops the load for such a role; the other roles
 * (API Gateway's logging role) are read for their ARN and left alone, as nothing local assumes them.
 */
final class RoleTemplateReader {
  static final String ROLE = "AWS::IAM::Role";
  static final String SCHEDULE_GROUP = "AWS::Scheduler::ScheduleGroup";
  /** The service principal of EventBridge Scheduler ("Set up the execution role", Scheduler User Guide). */
  static final String SCHEDULER_SERVICE = "scheduler.amazonaws.com";
  private static final Set<String> EVALUATED_ROLE_PROPERTIES =
      Set.of("AssumeRolePolicyDocument", "Policies", "RoleName", "Description", "MaxSessionDuration", "Tags");

  private final Function<String, Map<?, ?>> properties;
  private final Function<String, String> physicalName;
  private final String region;

  RoleTemplateReader(Function<String, Map<?, ?>> properties, Function<String, String> physicalName, String region) {
    this.properties = properties;
    this.physicalName = physicalName;
    this.region = region;
  }

  ScheduleGroupDef group(String logicalId) {
    return new ScheduleGroupDef(logicalId, physicalName.apply(logicalId));
  }

  RoleDef role(String logicalId) {
    Map<?, ?> spec = properties.apply(logicalId);
    List<String> trusted = trustedServices(asMap(spec.get("AssumeRolePolicyDocument")));
    if (trusted.contains(SCHEDULER_SERVICE)) {
      for (Object key : spec.keySet()) {
        if (!EVALUATED_ROLE_PROPERTIES.contains(String.valueOf(key))) {
          throw new TemplateException(logicalId + " (" + ROLE + ") trusts " + SCHEDULER_SERVICE + ", so the local "
              + "scheduler acts as it, and sets " + key + ", which the local IAM engine does not evaluate (it "
              + "evaluates inline Policies only; it knows " + EVALUATED_ROLE_PROPERTIES + ")");
        }
      }
    }
    List<Object> policies = new ArrayList<>();
    for (Object policy : spec.get("Policies") instanceof List<?> list ? list : List.of()) {
      Map<?, ?> inline = asMap(policy);
      if (inline.get("PolicyName") == null || !(inline.get("PolicyDocument") instanceof Map<?, ?>)) {
        throw new TemplateException(logicalId + ": each of Policies needs PolicyName and PolicyDocument");
      }
      policies.add(inline);
    }
    List<String> managed = strings(spec.get("ManagedPolicyArns"));
    String name = physicalName.apply(logicalId);
    return new RoleDef(logicalId, name, FakeAws.arn(region, ROLE, name), trusted, policies, managed);
  }

  /** The service principals that the trust policy's Allow statements let call {@code sts:AssumeRole}. */
  private static List<String> trustedServices(Map<?, ?> document) {
    List<String> services = new ArrayList<>();
    for (Object spec : document.get("Statement") instanceof List<?> list ? list : List.of(document.get("Statement"))) {
      Map<?, ?> statement = asMap(spec);
      if ("Allow".equals(statement.get("Effect")) && strings(statement.get("Action")).contains("sts:AssumeRole")) {
        services.addAll(strings(asMap(statement.get("Principal")).get("Service")));
      }
    }
    return services;
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    return (value instanceof List<?> list ? list : List.of(value)).stream().map(Intrinsics::scalarToString).toList();
  }
}
