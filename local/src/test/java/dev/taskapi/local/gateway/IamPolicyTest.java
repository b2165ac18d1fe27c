package dev.taskapi.local.gateway;

import static dev.taskapi.local.gateway.IamPolicy.Decision.ALLOW;
import static dev.taskapi.local.gateway.IamPolicy.Decision.EXPLICIT_DENY;
import static dev.taskapi.local.gateway.IamPolicy.Decision.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamPolicyTest {
  private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/tasks/42";

  private static Map<String, Object> statement(String effect, Object action, Object resource) {
    return Map.of("Effect", effect, "Action", action, "Resource", resource);
  }

  private static Map<String, Object> policy(Object... statements) {
    return Map.of("Version", "2012-10-17", "Statement", List.of(statements));
  }

  @Test
  void wildcardsMatchLikeIam() {
    assertTrue(IamPolicy.wildcardMatch("arn:aws:execute-api:*:*:abc123/v1/*/*", ARN, false));
    assertTrue(IamPolicy.wildcardMatch("arn:aws:execute-api:us-east-1:123456789012:abc123/v?/GET/tasks/*", ARN,
        false));
    assertFalse(IamPolicy.wildcardMatch("arn:aws:execute-api:*:*:abc123/v1/POST/*", ARN, false));
    assertTrue(IamPolicy.wildcardMatch("execute-api:*", "execute-api:Invoke", true));
    assertTrue(IamPolicy.wildcardMatch("Execute-API:invoke", "execute-api:Invoke", true));
    assertFalse(IamPolicy.wildcardMatch("a.c", "abc", false)); // '.' is literal, not a regex
  }

  @Test
  void allowOnMatchingResource() {
    assertEquals(ALLOW, IamPolicy.evaluate(policy(statement("Allow", "execute-api:Invoke", List.of(ARN))), ARN));
    assertEquals(ALLOW, IamPolicy.evaluate(policy(statement("Allow", "*", "*")), ARN));
  }

  @Test
  void explicitDenyWins() {
    Object policy = policy(statement("Allow", "execute-api:Invoke", "*"), statement("Deny", "execute-api:*", ARN));
    assertEquals(EXPLICIT_DENY, IamPolicy.evaluate(policy, ARN));
  }

  @Test
  void noMatchingAllowIsImplicitDeny() {
    Object otherMethod = policy(statement("Allow", "execute-api:Invoke", ARN.replace("/GET/", "/DELETE/")));
    assertEquals(IMPLICIT_DENY, IamPolicy.evaluate(otherMethod, ARN));
    Object otherAction = policy(statement("Allow", "execute-api:ManageConnections", "*"));
    assertEquals(IMPLICIT_DENY, IamPolicy.evaluate(otherAction, ARN));
  }

  @Test
  void malformedPolicyIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> IamPolicy.evaluate(Map.of(), ARN));
    assertThrows(IllegalArgumentException.class, () -> IamPolicy.evaluate("nope", ARN));
  }
}
