package dev.taskapi.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS::Serverless::Function merged with Globals.Function.
 *
 * @param environment the template's variables (Globals overlaid by the function's own), resolved
 * @param policies the function's {@code Policies} as SAM reads them (inline documents, policy templates,
 *     managed policy names), intrinsics resolved; {@link dev.taskapi.local.iam.FunctionPolicies} interprets them
 * @param codeUri the function's code, resolved against the template's directory; null when the template gives
 *     none or an S3 location
 * @param runtime e.g. {@code java25}; null when the template names none
 * @param snapStart whether the invoked version is restored from a SnapStart snapshot
 * @param functionName its name in Lambda: FunctionName when the template sets it, else the logical id
 * @param dynamoDbEvents its {@code Type: DynamoDB} events: the stream event source mappings SAM creates for it
 * @param alias its {@code AutoPublishAlias} (the function's own or Globals'): with {@code $LATEST} and {@link
 *     #PUBLISHED_VERSION}, the qualifiers it can be invoked with locally
 */
public record FunctionDef(
    String logicalId,
    String functionName,
    String handlerClass,
    String handlerMethod,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    List<ApiEventDef> apiEvents,
    List<Object> policies,
    Path codeUri,
    String runtime,
    boolean snapStart,
    List<DynamoDbEventDef> dynamoDbEvents,
    Optional<String> alias) {

  /**
   * The number of the version {@code AutoPublishAlias} points to, and {@code Function.Version} resolves to: a
   * function's first published version is 1, and locally every function has only that one.
   */
  public static final String PUBLISHED_VERSION = "1";

  public FunctionDef {
    dynamoDbEvents = List.copyOf(dynamoDbEvents);
    environment = Map.copyOf(environment);
    apiEvents = List.copyOf(apiEvents);
    policies = List.copyOf(policies);
  }
}
