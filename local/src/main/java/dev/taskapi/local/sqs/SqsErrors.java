package dev.taskapi.local.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.iam.SignedCallers;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * SQS's errors in its JSON protocol (SQS Developer Guide, "Interpreting Amazon SQS JSON API responses"): the
 * status, {@code x-amzn-RequestId}, {@code x-amzn-query-error: <query error code>;Sender} (the code the SDKs
 * report for a service that moved from the query protocol), and {@code {"__type": ..., "message": ...}}.
 */
final class SqsErrors {
  static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One error: its status, its {@code __type} and its query error code (none for the signature errors). */
  record SqsError(int status, String type, String queryErrorCode) {}

  // A denial by IAM: the query error AccessDenied (what the SDKs report, e.g. "An error occurred (AccessDenied)
  // when calling the SendMessageBatch operation", github:aws/serverless-application-model#3633), 403 as the
  // query protocol answered it.
  static final SqsError ACCESS_DENIED =
      new SqsError(403, "com.amazon.coral.service#AccessDeniedException", "AccessDenied");
  // SQS API Reference, common errors and each action's errors.
  static final SqsError QUEUE_DOES_NOT_EXIST =
      new SqsError(400, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
  static final SqsError INVALID_ACTION = new SqsError(400, "com.amazonaws.sqs#InvalidAction", "InvalidAction");

  private SqsErrors() {}

  /**
   * A signature error, as AWS's front end answers it for every JSON service and SQS since it speaks JSON
   * (InvalidSignatureException, 403, reported in github:async-aws/aws#1948): no query error code.
   */
  static SqsError signatureError(SignedCallers.Refusal refusal) {
    return new SqsError(403, "com.amazon.coral.service#" + refusal.errorCode(), null);
  }

  static void send(HttpExchange exchange, SqsError error, String message) throws IOException {
    if (error.queryErrorCode() != null) {
      exchange.getResponseHeaders().set("x-amzn-query-error", error.queryErrorCode() + ";Sender");
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("__type", error.type());
    body.put("message", message);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    LoopbackServer.send(exchange, error.status(), JSON.writeValueAsBytes(body));
  }
}
