package dev.taskapi.local.lambda;

import dev.taskapi.local.template.FunctionDef;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local Lambda service puts in every function's environment.
 *
 * @param base the variables the functions inherit first (the local process's own environment)
 * @param sessionToken AWS_SESSION_TOKEN; also the token the local secrets endpoint requires
 */
public record LambdaEnvironment(
    Map<String, String> base,
    String region,
    URI dynamoDbEndpoint,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    int secretsPort) {

  public LambdaEnvironment {
    base = Map.copyOf(base);
  }

  /**
   * The process environment overlaid with the template's variables (Globals, then the function's own),
   * then the variables Lambda itself sets, which a template cannot override.
   */
  public Map<String, String> forFunction(FunctionDef function) {
    Map<String, String> environment = new LinkedHashMap<>(base);
    environment.putAll(function.environment());
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_ACCESS_KEY_ID", accessKeyId);
    environment.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    environment.put("AWS_SESSION_TOKEN", sessionToken);
    environment.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(secretsPort));
    environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
    return environment;
  }
}
