package dev.taskapi.local.template;

import java.util.List;
import java.util.Map;

/**
 * An AWS::Serverless::Function merged with Globals.Function.
 *
 * @param environment the template's variables (Globals overlaid by the function's own), resolved
 */
public record FunctionDef(
    String logicalId,
    String handlerClass,
    String handlerMethod,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    List<ApiEventDef> apiEvents) {

  public FunctionDef {
    environment = Map.copyOf(environment);
    apiEvents = List.copyOf(apiEvents);
  }
}
