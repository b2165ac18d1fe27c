package dev.taskapi.local.lambda;

import dev.taskapi.local.template.FunctionDef;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the local Lambda service puts in every function's environment: what Lambda gives, and nothing from the
 * shell that started the local stack.
 *
 * <p>Lambda (developer guide, "Defined runtime environment variables"): the template's variables (Globals, then
 * the function's own), the unreserved defaults a template may override (LANG, PATH, LD_LIBRARY_PATH), and the
 * reserved variables no template can set. SAM CLI 1.164.0 ({@code samcli/local/lambdafn/env_vars.py}) draws the
 * same line: only the AWS variables and the template's; unlike it, a shell variable of a name the template
 * declares does not override the template's value here (Lambda has no shell; use --parameter-overrides).
 *
 * <p>Local differences: the credentials are the local stack's (the session token is also what the local secrets
 * endpoint requires); DYNAMODB_ENDPOINT (the local DynamoDB), SES_ENDPOINT (the local SES endpoint, the mailbox), LAMBDA_ENDPOINT (the local Lambda Invoke endpoint),
 * SQS_ENDPOINT (the local SQS endpoint; on AWS the SDK's default endpoint is used), SCHEDULER_ENDPOINT (the local
 * EventBridge Scheduler endpoint, when the template has a schedule group; likewise absent on AWS)
 * and PARAMETERS_SECRETS_EXTENSION_HTTP_PORT (the local secrets endpoint's port; the extension's default 2773 on
 * Lambda) are the local stack's own additions;
 * AWS_LAMBDA_RUNTIME_API and _X_AMZN_TRACE_ID are absent (no runtime API, no X-Ray). The functions run in this
 * JVM, so code that calls {@code System.getenv()} itself still sees this process's environment: the project's
 * functions read theirs through core's {@code Environment.current()}, which {@link LambdaHandler} sets in each
 * function's own copy of that class.
 *
 * @param dynamoDbEndpoint the local IAM-enforcing DynamoDB endpoint, never the backend itself
 * @param credentials each function's own credentials by logical id; the local IAM endpoints identify the caller by
 *     them, as AWS identifies the execution role's session
 */
public record LambdaEnvironment(
    String region,
    URI dynamoDbEndpoint,
    Map<String, FunctionCredentials> credentials,
    int secretsPort,
    URI sesEndpoint,
    URI lambdaEndpoint,
    URI sqsEndpoint,
    URI schedulerEndpoint) {

  private static final String TASK_ROOT = "/var/task";
  private static final String RUNTIME_DIR = "/var/runtime";

  public LambdaEnvironment {
    credentials = Map.copyOf(credentials);
  }

  /** An environment without a local SQS or scheduler: the functions get no SQS_ENDPOINT or SCHEDULER_ENDPOINT. */
  public LambdaEnvironment(String region, URI dynamoDbEndpoint, Map<String, FunctionCredentials> credentials,
      int secretsPort, URI sesEndpoint, URI lambdaEndpoint) {
    this(region, dynamoDbEndpoint, credentials, secretsPort, sesEndpoint, lambdaEndpoint, null, null);
  }

  /** The unreserved defaults, then the template's variables, then the variables Lambda itself sets. */
  public Map<String, String> forFunction(FunctionDef function) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("LANG", "en_US.UTF-8");
    environment.put("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    environment.put("LD_LIBRARY_PATH", "/var/lang/lib:/lib64:/usr/lib64:" + RUNTIME_DIR + ":" + RUNTIME_DIR
        + "/lib:" + TASK_ROOT + ":" + TASK_ROOT + "/lib:/opt/lib");
    environment.putAll(function.environment());
    String name = function.logicalId();
    environment.put("_HANDLER", function.handlerClass() + "::" + function.handlerMethod());
    environment.put("AWS_EXECUTION_ENV",
        "AWS_Lambda_" + (function.runtime() == null ? "java25" : function.runtime().toLowerCase(Locale.ROOT)));
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", LocalContext.logGroupName(name));
    environment.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalContext.LOG_STREAM_NAME);
    environment.put("LAMBDA_TASK_ROOT", TASK_ROOT);
    environment.put("LAMBDA_RUNTIME_DIR", RUNTIME_DIR);
    environment.put("TZ", ":UTC");
    FunctionCredentials own = credentials.get(name);
    environment.put("AWS_ACCESS_KEY_ID", own.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", own.secretAccessKey());
    environment.put("AWS_SESSION_TOKEN", own.sessionToken());
    environment.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(secretsPort));
    environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
    environment.put("SES_ENDPOINT", sesEndpoint.toString());
    environment.put("LAMBDA_ENDPOINT", lambdaEndpoint.toString());
    if (sqsEndpoint != null) {
      environment.put("SQS_ENDPOINT", sqsEndpoint.toString());
    }
    if (schedulerEndpoint != null) {
      environment.put("SCHEDULER_ENDPOINT", schedulerEndpoint.toString());
    }
    return environment;
  }
}
