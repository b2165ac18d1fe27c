package dev.taskapi.local.lambda;

import dev.taskapi.local.template.FunctionDef;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local Lambda service puts in every function's environment.
 *
 * @param base the variables the functions inherit first (the local process's own environment)
 * @param dynamoDbEndpoint the local IAM-enforcing DynamoDB endpoint, never the backend itself
 * @param credentials each function's own credentials by logical id; the local IAM endpoints identify the caller by
 *     them, as AWS identifies the execution role's session
 */
public record LambdaEnvironment(
    Map<String, String> base,
    String region,
    URI dynamoDbEndpoint,
    Map<String, FunctionCredentials> credentials,
    int secretsPort) {

  public LambdaEnvironment {
    base = Map.copyOf(base);
    credentials = Map.copyOf(credentials);
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
    FunctionCredentials own = credentials.get(function.logicalId());
    environment.put("AWS_ACCESS_KEY_ID", own.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", own.secretAccessKey());
    environment.put("AWS_SESSION_TOKEN", own.sessionToken());
    environment.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(secretsPort));
    environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
    return environment;
  }
}
