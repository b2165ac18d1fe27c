package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskapi.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The target of the scheduler's tests: records the event it was invoked with, as it read it, by sending it to
 * RECORD_QUEUE_URL (through SQS_ENDPOINT, with its own credentials, as a real function sends), then answers
 * nothing: an asynchronous invocation's answer goes nowhere.
 */
public final class RecordEventHandler implements RequestStreamHandler {
  private final Map<String, String> env;
  private final SqsClient sqs;

  public RecordEventHandler() {
    this.env = Environment.current().variables();
    this.sqs = FunctionSqsClient.of(env);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    sqs.sendMessage(r -> r.queueUrl(env.get("RECORD_QUEUE_URL")).messageBody(event));
  }
}
