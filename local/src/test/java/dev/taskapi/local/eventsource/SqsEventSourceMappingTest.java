package dev.taskapi.local.eventsource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.sqs.SqsStack;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS event source mapping end to end on sqs-template.yaml: messages sent to the delivery queue (by
 * SenderFunction's credentials) reach DeliverFunction (SqsDeliveryHandler, from its jar) as an SQSEvent, and what
 * the function answers decides what is deleted. The handler records each message it is given in RecordQueue.
 */
class SqsEventSourceMappingTest {
  private static final String DELIVERIES = "https://sqs.us-east-1.amazonaws.com/123456789012/webhook-deliveries";
  private static final String RECORDS = "https://sqs.us-east-1.amazonaws.com/123456789012/RecordQueue";
  private static final String DELIVERIES_ARN = "arn:aws:sqs:us-east-1:123456789012:webhook-deliveries";
  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SqsStack stack = new SqsStack();
  private static SqsClient sender;
  private static SqsClient elasticMq;
  private static final List<JsonNode> recorded = new ArrayList<>();

  @BeforeAll
  static void clients() {
    sender = stack.clientOf("SenderFunction");
    elasticMq = stack.elasticMq();
  }

  @AfterAll
  static void closeClients() {
    sender.close();
    elasticMq.close();
  }

  @Test
  void aBatchTheFunctionHandlesIsDeletedAndItsEventIsLambdasSqsEvent() throws Exception {
    String body = "ok " + UUID.randomUUID();
    String id = sender.sendMessage(r -> r.queueUrl(DELIVERIES).messageBody(body).messageAttributes(Map.of(
        "event", MessageAttributeValue.builder().dataType("String").stringValue("task.created").build()))).messageId();

    JsonNode record = awaitRecords(r -> r.path("messageId").asText().equals(id), 1).getFirst();
    assertEquals(body, record.path("body").asText());
    assertEquals("aws:sqs", record.path("eventSource").asText());
    assertEquals(DELIVERIES_ARN, record.path("eventSourceArn").asText(), "eventSourceARN, read by the runtime");
    assertEquals("us-east-1", record.path("awsRegion").asText());
    assertEquals(md5(body), record.path("md5OfBody").asText());
    assertTrue(record.path("receiptHandlePresent").asBoolean());
    assertEquals("task.created", record.path("messageAttributes").path("event").asText());
    JsonNode attributes = record.path("attributes");
    assertEquals("1", attributes.path("ApproximateReceiveCount").asText());
    assertTrue(attributes.path("SentTimestamp").asLong() > 0, attributes.toString());
    assertTrue(attributes.path("ApproximateFirstReceiveTimestamp").asLong()
        >= attributes.path("SentTimestamp").asLong(), attributes.toString());

    Thread.sleep(7_000); // past the queue's 5 s visibility timeout
    assertEquals(1, recordsOf(id).size(), "deleted: never delivered again");
    assertEquals(0, messagesIn(DELIVERIES));
  }

  @Test
  void aThrownErrorLeavesTheWholeBatchToComeBackAfterTheVisibilityTimeout() {
    String id = sender.sendMessage(r -> r.queueUrl(DELIVERIES).messageBody("throw-once " + UUID.randomUUID()))
        .messageId();

    List<JsonNode> deliveries = awaitRecords(r -> r.path("messageId").asText().equals(id), 2);
    assertEquals("1", deliveries.get(0).path("attributes").path("ApproximateReceiveCount").asText());
    assertEquals("2", deliveries.get(1).path("attributes").path("ApproximateReceiveCount").asText());
    long gap = deliveries.get(1).path("receivedAt").asLong() - deliveries.get(0).path("receivedAt").asLong();
    assertTrue(gap >= 4_500, "not before the queue's 5 s visibility timeout: " + gap + " ms");
    awaitEmpty();
  }

  @Test
  void aPartialBatchFailureKeepsOnlyTheReportedMessage() throws Exception {
    String run = UUID.randomUUID().toString();
    sender.sendMessageBatch(r -> r.queueUrl(DELIVERIES).entries(
        e -> e.id("a").messageBody("ok " + run), e -> e.id("b").messageBody("fail-once " + run)));

    List<JsonNode> failed = awaitRecords(r -> r.path("body").asText().equals("fail-once " + run), 2);
    List<JsonNode> succeeded = recordsWhere(r -> r.path("body").asText().equals("ok " + run));
    assertEquals(1, succeeded.size());
    assertEquals(failed.getFirst().path("requestId").asText(), succeeded.getFirst().path("requestId").asText(),
        "both in one batch (the mapping's 1 s batching window)");
    assertEquals(2, failed.getFirst().path("batchSize").asInt());
    assertEquals("2", failed.get(1).path("attributes").path("ApproximateReceiveCount").asText());
    assertEquals(1, failed.get(1).path("batchSize").asInt(), "only the reported message came back");
    Thread.sleep(6_000);
    assertEquals(1, recordsWhere(r -> r.path("body").asText().equals("ok " + run)).size());
    awaitEmpty();
  }

  @Test
  void changeMessageVisibilityFromTheFunctionDelaysTheRedeliveryPastTheQueuesTimeout() {
    String id = sender.sendMessage(r -> r.queueUrl(DELIVERIES).messageBody("backoff-once " + UUID.randomUUID()))
        .messageId();

    List<JsonNode> deliveries = awaitRecords(r -> r.path("messageId").asText().equals(id), 2);
    long gap = deliveries.get(1).path("receivedAt").asLong() - deliveries.get(0).path("receivedAt").asLong();
    assertTrue(gap >= 11_500, "the handler's 12 s backoff, not the queue's 5 s: " + gap + " ms");
    assertEquals("2", deliveries.get(1).path("attributes").path("ApproximateReceiveCount").asText());
    awaitEmpty();
  }

  @Test
  void aMessageNoFilterPatternMatchesIsDeletedWithoutAnInvocation() throws Exception {
    String skipped = sender.sendMessage(r -> r.queueUrl(DELIVERIES).messageBody("skip " + UUID.randomUUID()))
        .messageId();
    String delivered = sender.sendMessage(r -> r.queueUrl(DELIVERIES).messageBody("ok " + UUID.randomUUID()))
        .messageId();

    awaitRecords(r -> r.path("messageId").asText().equals(delivered), 1);
    awaitEmpty();
    Thread.sleep(6_000); // past the visibility timeout: a kept message would be back
    assertEquals(List.of(), recordsOf(skipped), "never given to the function");
    assertEquals(0, messagesIn(DELIVERIES), "and deleted");
  }

  /** Waits until {@code count} records match, reading RecordQueue into {@link #recorded}. */
  private static List<JsonNode> awaitRecords(Predicate<JsonNode> which, int count) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (recordsWhere(which).size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Waited " + PATIENCE + " for " + count + " records; have " + recorded);
      }
    }
    return recordsWhere(which);
  }

  private static List<JsonNode> recordsOf(String messageId) {
    return recordsWhere(r -> r.path("messageId").asText().equals(messageId));
  }

  private static List<JsonNode> recordsWhere(Predicate<JsonNode> which) {
    for (var message : elasticMq.receiveMessage(r -> r.queueUrl(RECORDS).waitTimeSeconds(1).maxNumberOfMessages(10))
        .messages()) {
      try {
        recorded.add(JSON.readTree(message.body()));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      elasticMq.deleteMessage(r -> r.queueUrl(RECORDS).receiptHandle(message.receiptHandle()));
    }
    return recorded.stream().filter(which).sorted(java.util.Comparator.comparingLong(
        r -> r.path("receivedAt").asLong())).toList();
  }

  private static int messagesIn(String queue) {
    return elasticMq.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .attributes().values().stream().mapToInt(Integer::parseInt).sum();
  }

  private static void awaitEmpty() {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (messagesIn(DELIVERIES) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The delivery queue still holds messages after " + PATIENCE);
      }
      recordsWhere(r -> true);
    }
  }

  private static String md5(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%032x", new BigInteger(1, digest));
  }
}
