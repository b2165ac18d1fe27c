package dev.taskapi.local.iam;

import java.util.List;

/** The outcome of evaluating one action on one resource against a function's policies. */
public sealed interface Decision {
  /** At least one Allow applied and no Deny: {@code grants} are every allowing (action, resource) pair. */
  record Allowed(List<Grant> grants) implements Decision {
    public Allowed {
      grants = List.copyOf(grants);
    }
  }

  /** A Deny statement applied: it wins over any Allow. */
  record ExplicitlyDenied(Statement statement) implements Decision {}

  /** No statement allowed it: IAM's default. */
  record ImplicitlyDenied() implements Decision {}
}
