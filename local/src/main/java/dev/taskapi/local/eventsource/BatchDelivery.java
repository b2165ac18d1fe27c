package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.template.DynamoDbEventDef;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Delivers one batch of stream records to the function until it is processed or given up, as Lambda does for a
 * stream (Lambda Developer Guide, "Using AWS Lambda with Amazon DynamoDB", "Error handling"; "Configuring partial
 * batch response with DynamoDB and Lambda"):
 *
 * <ul>
 *   <li>the function is invoked synchronously with {@code {"Records": [...]}}, each record with its
 *       {@code eventSourceARN} (the shape of aws-lambda-java-events' DynamodbEvent);
 *   <li>a function error retries the whole batch, or with BisectBatchOnFunctionError splits it in two and
 *       delivers each half (a split does not count as a retry);
 *   <li>with ReportBatchItemFailures, {@code batchItemFailures} names records by {@code itemIdentifier} (their
 *       SequenceNumber): the batch is retried from the lowest one named, the records before it being processed; an
 *       identifier that is empty or not in the batch fails the whole batch;
 *   <li>after MaximumRetryAttempts retries (-1: no limit, until the record expires), or once the oldest record is
 *       older than MaximumRecordAgeInSeconds, the batch is given up: its invocation record goes to the OnFailure
 *       destination, when there is one, and the mapping moves past it.
 * </ul>
 */
final class BatchDelivery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  /** What the checkpoint may advance to after each step: the last record processed so far. */
  interface Progress {
    void processed(String sequenceNumber);
  }

  private final DynamoDbEventDef event;
  private final LambdaFunction function;
  private final String functionArn;
  private final String shardId;
  private final OnFailureDestination onFailure;

  BatchDelivery(DynamoDbEventDef event, LambdaFunction function, String functionArn, String shardId,
      OnFailureDestination onFailure) {
    this.event = event;
    this.function = function;
    this.functionArn = functionArn;
    this.shardId = shardId;
    this.onFailure = onFailure;
  }

  /** Delivers {@code batch} (in stream order); returns once every record is processed or given up. */
  void deliver(List<ObjectNode> batch, Progress progress) throws InterruptedException {
    List<ObjectNode> remaining = batch;
    int retries = 0;
    while (!remaining.isEmpty()) {
      Outcome outcome = invoke(remaining);
      if (outcome.failedFrom() < 0) {
        progress.processed(sequenceNumber(remaining.getLast()));
        return;
      }
      if (outcome.failedFrom() > 0) {
        progress.processed(sequenceNumber(remaining.get(outcome.failedFrom() - 1)));
        remaining = remaining.subList(outcome.failedFrom(), remaining.size());
      } else if (outcome.functionError() && event.bisectBatchOnFunctionError() && remaining.size() > 1) {
        int half = remaining.size() / 2;
        deliver(remaining.subList(0, half), progress);
        deliver(remaining.subList(half, remaining.size()), progress);
        return;
      }
      if (retries == 0) {
        // Lambda writes the function's error to its log group; a mapping that retries without end (-1) shows it once.
        System.err.println("DynamoDB event source mapping " + event.name() + ": a batch of " + remaining.size()
            + " record(s) failed (" + outcome.detail() + "); retrying");
      }
      String condition = giveUpCondition(remaining, retries);
      if (condition != null) {
        giveUp(remaining, condition, retries + 1, outcome);
        progress.processed(sequenceNumber(remaining.getLast()));
        return;
      }
      retries++;
      Thread.sleep(RETRY_PAUSE);
    }
  }

  /** How an invocation ended: {@code failedFrom} -1 when every record is processed, else the first to retry. */
  private record Outcome(int failedFrom, boolean functionError, String detail) {}

  private Outcome invoke(List<ObjectNode> records) {
    ObjectNode payload = JSON.createObjectNode();
    ArrayNode list = payload.putArray("Records");
    records.forEach(record -> list.add(record.deepCopy().put("eventSourceARN", event.streamArn())));
    Duration timeout = Duration.ofSeconds(function.definition().timeoutSeconds() + 1L);
    InvocationResult result = function.invokeJson(payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        UUID.randomUUID().toString(), timeout);
    return switch (result) {
      case InvocationResult.Returned returned -> event.reportBatchItemFailures()
          ? partial(records, returned.payload())
          : new Outcome(-1, false, null);
      case InvocationResult.Failed failed -> new Outcome(0, true, described(failed.error()));
      default -> new Outcome(0, true, result.toString());
    };
  }

  /** The error with where it was thrown: its first frames, as Lambda's log of an unhandled error shows them. */
  private static String described(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error));
    StackTraceElement[] frames = error.getStackTrace();
    for (int i = 0; i < Math.min(6, frames.length); i++) {
      text.append("\n    at ").append(frames[i]);
    }
    return text.toString();
  }

  /** The batchItemFailures answer: the index of the lowest failed record, -1 for none, 0 when unreadable. */
  private static Outcome partial(List<ObjectNode> records, String payload) {
    JsonNode answer;
    try {
      answer = payload == null || payload.isBlank() ? JSON.nullNode() : JSON.readTree(payload);
    } catch (IOException e) {
      return new Outcome(0, false, "an answer that is not JSON");
    }
    JsonNode failures = answer.path("batchItemFailures");
    if (!failures.isArray() || failures.isEmpty()) {
      return new Outcome(-1, false, null);
    }
    int lowest = Integer.MAX_VALUE;
    for (JsonNode failure : failures) {
      String id = failure.path("itemIdentifier").asText("");
      int index = indexOf(records, id);
      if (index < 0) {
        return new Outcome(0, false, "an itemIdentifier not in the batch: " + id);
      }
      lowest = Math.min(lowest, index);
    }
    return new Outcome(lowest, false, "batchItemFailures from " + sequenceNumber(records.get(lowest)));
  }

  private static int indexOf(List<ObjectNode> records, String sequenceNumber) {
    for (int i = 0; i < records.size(); i++) {
      if (!sequenceNumber.isEmpty() && sequenceNumber(records.get(i)).equals(sequenceNumber)) {
        return i;
      }
    }
    return -1;
  }

  private String giveUpCondition(List<ObjectNode> records, int retries) {
    if (event.maximumRetryAttempts() >= 0 && retries >= event.maximumRetryAttempts()) {
      return "RetryAttemptsExhausted";
    }
    long created = records.getFirst().path("dynamodb").path("ApproximateCreationDateTime").asLong();
    if (event.maximumRecordAgeSeconds() >= 0
        && Instant.now().getEpochSecond() - created > event.maximumRecordAgeSeconds()) {
      return "RecordAgeExceeded";
    }
    return null;
  }

  /**
   * The invocation record Lambda sends for a discarded stream batch (Lambda Developer Guide, "Retaining discarded
   * batches for a DynamoDB event source": requestContext, responseContext, version, timestamp and
   * DDBStreamBatchInfo with the shard, the first and last sequence numbers, arrival times, size and stream).
   */
  private void giveUp(List<ObjectNode> records, String condition, int invocations, Outcome outcome) {
    System.err.println("DynamoDB event source mapping " + event.name() + ": gave up a batch of " + records.size()
        + " record(s) (" + condition + ", " + outcome.detail() + ")");
    if (event.onFailureDestination() == null) {
      return;
    }
    ObjectNode record = JSON.createObjectNode();
    record.putObject("requestContext").put("requestId", UUID.randomUUID().toString()).put("functionArn", functionArn)
        .put("condition", condition).put("approximateInvokeCount", invocations);
    ObjectNode response = record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
    if (outcome.functionError()) {
      response.put("functionError", "Unhandled");
    }
    record.put("version", "1.0").put("timestamp", Instant.now().toString());
    record.putObject("DDBStreamBatchInfo")
        .put("shardId", shardId)
        .put("startSequenceNumber", sequenceNumber(records.getFirst()))
        .put("endSequenceNumber", sequenceNumber(records.getLast()))
        .put("approximateArrivalOfFirstRecord", arrival(records.getFirst()))
        .put("approximateArrivalOfLastRecord", arrival(records.getLast()))
        .put("batchSize", records.size())
        .put("streamArn", event.streamArn());
    onFailure.send(event.onFailureDestination(), record);
  }

  private static String arrival(ObjectNode record) {
    return Instant.ofEpochSecond(record.path("dynamodb").path("ApproximateCreationDateTime").asLong()).toString();
  }

  static String sequenceNumber(ObjectNode record) {
    return record.path("dynamodb").path("SequenceNumber").asText();
  }

  static int compare(String a, String b) {
    return new BigInteger(a).compareTo(new BigInteger(b));
  }
}
