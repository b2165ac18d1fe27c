package dev.taskapi.local.iam;

import java.util.List;
import java.util.Optional;

/**
 * Decides each AWS call of a function against its policies, logs every denial on one line (function, action,
 * resource; never credentials) and records the grants that allowed a call.
 */
public final class IamAuthorizer {
  private final FunctionPolicies policies;
  private final GrantUsage usage;

  public IamAuthorizer(FunctionPolicies policies, GrantUsage usage) {
    this.policies = policies;
    this.usage = usage;
  }

  /** One action on one resource that a call needs, with the request's condition keys. */
  public record Request(String action, String resource, RequestContext context) {}

  /** Every request must be allowed; the answer is the first denial, or empty when all are allowed. */
  public Optional<Denial> authorize(String function, List<Request> requests) {
    List<Statement> statements = policies.statements(function);
    for (Request request : requests) {
      Decision decision =
          PolicyEvaluator.evaluate(function, statements, request.action(), request.resource(), request.context());
      switch (decision) {
        case Decision.Allowed allowed -> usage.record(allowed.grants());
        case Decision.ExplicitlyDenied denied -> {
          return Optional.of(deny(function, request, true));
        }
        case Decision.ImplicitlyDenied denied -> {
          return Optional.of(deny(function, request, false));
        }
      }
    }
    return Optional.empty();
  }

  private Denial deny(String function, Request request, boolean explicit) {
    Denial denial = new Denial(function, request.action(), request.resource(), explicit,
        policies.sessionArn(function));
    System.err.println("IAM denied: function=" + function + " action=" + request.action() + " resource="
        + request.resource() + (explicit ? " (explicit Deny)" : " (no statement allows it)"));
    return denial;
  }

  /**
   * A refused call, and the message AWS puts in its AccessDeniedException.
   *
   * @param function the principal: a function, or a role the local stack assumed
   * @param sessionArn the principal as AWS names it in the message
   */
  public record Denial(String function, String action, String resource, boolean explicit, String sessionArn) {
    /** A function's denial. */
    public Denial(String function, String action, String resource, boolean explicit) {
      this(function, action, resource, explicit, Principals.sessionArn(function));
    }

    /**
     * AWS's wording (IAM User Guide, "Troubleshoot access denied error messages"): "User: &lt;principal&gt; is not
     * authorized to perform: &lt;action&gt; on resource: &lt;arn&gt; because no identity-based policy allows the
     * &lt;action&gt; action", or "... with an explicit deny in an identity-based policy".
     */
    public String message() {
      return "User: " + sessionArn + " is not authorized to perform: " + action
          + " on resource: " + resource + (explicit
              ? " with an explicit deny in an identity-based policy"
              : " because no identity-based policy allows the " + action + " action");
    }
  }
}
