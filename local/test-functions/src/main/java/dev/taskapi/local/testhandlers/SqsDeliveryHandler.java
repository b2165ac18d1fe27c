package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.config.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A webhook deliverer in miniature, for the SQS event source mapping's tests: it records every message it is
 * given (SendMessageBatch to RECORD_QUEUE_URL, through SQS_ENDPOINT with its own credentials, as a real function
 * sends), then acts on the body's first word:
 *
 * <ul>
 *   <li>{@code ok}: succeeds;
 *   <li>{@code throw-once}: on its first receive, throws (the whole batch fails);
 *   <li>{@code fail-once}: on its first receive, is reported in batchItemFailures;
 *   <li>{@code backoff-once}: on its first receive, gets a visibility timeout of BACKOFF_SECONDS with
 *       ChangeMessageVisibility (exponential backoff's first step) and is reported in batchItemFailures.
 * </ul>
 */
public final class SqsDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> env;
  private final SqsClient sqs;

  public SqsDeliveryHandler() {
    this.env = Environment.current().variables();
    this.sqs = FunctionSqsClient.of(env);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    record(event, context);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      boolean first = "1".equals(message.getAttributes().get("ApproximateReceiveCount"));
      String action = message.getBody().split(" ", 2)[0];
      if (first && action.equals("throw-once")) {
        throw new IllegalStateException("delivery failed: " + message.getMessageId());
      }
      if (first && action.equals("backoff-once")) {
        String queueUrl = queueUrl(message.getEventSourceArn());
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
            .visibilityTimeout(Integer.parseInt(env.get("BACKOFF_SECONDS"))));
      }
      if (first && (action.equals("fail-once") || action.equals("backoff-once"))) {
        failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private void record(SQSEvent event, Context context) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      Map<String, Object> seen = new LinkedHashMap<>();
      seen.put("requestId", context.getAwsRequestId());
      seen.put("batchSize", event.getRecords().size());
      seen.put("receivedAt", System.currentTimeMillis());
      seen.put("messageId", message.getMessageId());
      seen.put("body", message.getBody());
      seen.put("attributes", message.getAttributes());
      seen.put("md5OfBody", message.getMd5OfBody());
      seen.put("eventSource", message.getEventSource());
      seen.put("eventSourceArn", message.getEventSourceArn());
      seen.put("awsRegion", message.getAwsRegion());
      seen.put("receiptHandlePresent", message.getReceiptHandle() != null && !message.getReceiptHandle().isEmpty());
      Map<String, String> attributes = new LinkedHashMap<>();
      if (message.getMessageAttributes() != null) {
        message.getMessageAttributes().forEach((name, value) -> attributes.put(name, value.getStringValue()));
      }
      seen.put("messageAttributes", attributes);
      try {
        entries.add(SendMessageBatchRequestEntry.builder()
            .id("r" + entries.size()).messageBody(JSON.writeValueAsString(seen)).build());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    sqs.sendMessageBatch(r -> r.queueUrl(env.get("RECORD_QUEUE_URL")).entries(entries));
  }

  // arn:aws:sqs:<region>:<account>:<name> -> the queue's URL, as SQS forms it.
  private static String queueUrl(String queueArn) {
    String[] parts = queueArn.split(":");
    return "https://sqs." + parts[3] + ".amazonaws.com/" + parts[4] + "/" + parts[5];
  }
}
