package dev.taskapi.local.iam;

import java.util.List;

/**
 * One IAM policy statement of a function, with intrinsics resolved and SAM policy templates expanded.
 *
 * @param source where it comes from in the template, e.g. {@code Policies[1].Statement[0]} or
 *     {@code Policies[0] AWSSecretsManagerGetSecretValuePolicy}, so a report can point at it
 * @param actions action patterns ({@code dynamodb:GetItem}, {@code dynamodb:Get*}, {@code *})
 * @param resources resource ARN patterns
 * @param conditions all of them must hold for the statement to apply
 */
public record Statement(
    String source, Effect effect, List<String> actions, List<String> resources, List<Condition> conditions) {

  public enum Effect {
    ALLOW,
    DENY
  }

  public Statement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  boolean coversAction(String action) {
    return actions.stream().anyMatch(pattern -> Wildcards.matches(pattern, action, true));
  }

  boolean coversResource(String resource) {
    return resources.stream().anyMatch(pattern -> Wildcards.matches(pattern, resource, false));
  }

  boolean conditionsHold(RequestContext context) {
    return conditions.stream().allMatch(condition -> condition.holds(context));
  }
}
