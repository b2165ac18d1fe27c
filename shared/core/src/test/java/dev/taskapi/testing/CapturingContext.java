package dev.taskapi.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Lambda {@link Context} whose logger keeps every line, so tests can read what an operator would see. */
public final class CapturingContext implements Context {
  private final List<String> lines = new ArrayList<>();
  private final LambdaLogger logger =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          lines.add(message);
        }

        @Override
        public void log(byte[] message) {
          lines.add(new String(message, StandardCharsets.UTF_8));
        }
      };

  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public String getAwsRequestId() {
    return "req-0001";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/test";
  }

  @Override
  public String getLogStreamName() {
    return "test";
  }

  @Override
  public String getFunctionName() {
    return "test";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:test";
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
    return 10_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
