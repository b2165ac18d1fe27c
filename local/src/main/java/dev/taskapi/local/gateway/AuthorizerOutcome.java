package dev.taskapi.local.gateway;

import java.util.Map;

/** What the authorizer step decided for one request. */
sealed interface AuthorizerOutcome {
  /** @param context requestContext.authorizer: principalId and the authorizer's context, as strings */
  record Allowed(Map<String, Object> context) implements AuthorizerOutcome {}

  record Rejected(GatewayResponseType type, String message) implements AuthorizerOutcome {}
}
