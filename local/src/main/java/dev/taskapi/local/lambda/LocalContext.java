package dev.taskapi.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.taskapi.local.aws.FakeAws;

/** The Lambda context of one local invocation. */
record LocalContext(
    String awsRequestId, String functionName, String region, int memoryLimitInMb, long deadlineMillis)
    implements Context {
  static final String LOG_STREAM_NAME = "local/[$LATEST]local";
  private static final LambdaLogger LOGGER = new StderrLambdaLogger();

  static String logGroupName(String functionName) {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getAwsRequestId() {
    return awsRequestId;
  }

  @Override
  public String getLogGroupName() {
    return logGroupName(functionName);
  }

  @Override
  public String getLogStreamName() {
    return LOG_STREAM_NAME;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return FakeAws.functionArn(region, functionName);
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitInMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return LOGGER;
  }
}
