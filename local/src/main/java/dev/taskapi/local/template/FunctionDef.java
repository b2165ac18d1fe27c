package dev.taskapi.local.template;

import java.util.List;
import java.util.Map;

/**
 * An AWS::Serverless::Function merged with Globals.Function.
 *
 * @param environment the template's variables (Globals overlaid by the function's own), resolved
 * @param policies the function's {@code Policies} as SAM reads them (inline documents, policy templates,
 *     managed policy names), intrinsics resolved; {@link dev.taskapi.local.iam.FunctionPolicies} interprets them
 */
public record FunctionDef(
    String logicalId,
    String handlerClass,
    String handlerMethod,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    List<ApiEventDef> apiEvents,
    List<Object> policies) {

  public FunctionDef {
    environment = Map.copyOf(environment);
    apiEvents = List.copyOf(apiEvents);
    policies = List.copyOf(policies);
  }
}
