package dev.taskapi.local.iam;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a request against one principal's identity-based policies, as IAM does within one account when no
 * resource-based policy, permissions boundary, session policy or SCP applies (IAM User Guide, "Policy evaluation
 * logic" and "Determining whether a request is allowed or denied within an account"): a matching Deny wins, else a
 * matching Allow allows, else the request is implicitly denied.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  public static Decision evaluate(
      String function, List<Statement> statements, String action, String resource, RequestContext context) {
    List<Statement> applying = statements.stream()
        .filter(s -> s.coversAction(action) && s.coversResource(resource) && s.conditionsHold(context))
        .toList();
    for (Statement statement : applying) {
      if (statement.effect() == Statement.Effect.DENY) {
        return new Decision.ExplicitlyDenied(statement);
      }
    }
    List<Grant> grants = new ArrayList<>();
    for (Statement statement : applying) {
      for (String actionPattern : statement.actions()) {
        for (String resourcePattern : statement.resources()) {
          if (Wildcards.matches(actionPattern, action, true) && Wildcards.matches(resourcePattern, resource, false)) {
            grants.add(new Grant(function, statement.source(), actionPattern, resourcePattern));
          }
        }
      }
    }
    return grants.isEmpty() ? new Decision.ImplicitlyDenied() : new Decision.Allowed(grants);
  }
}
