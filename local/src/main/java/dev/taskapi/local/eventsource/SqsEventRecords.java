package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The event Lambda invokes a function with for a batch of SQS messages (Lambda Developer Guide, "Using Lambda
 * with Amazon SQS", example standard queue message event), the JSON that aws-lambda-java-events' {@code
 * SQSEvent} reads: {@code {"Records": [{"messageId", "receiptHandle", "body", "attributes", "messageAttributes",
 * "md5OfBody", "md5OfMessageAttributes", "eventSource": "aws:sqs", "eventSourceARN", "awsRegion"}]}}. The
 * attributes are the message's system attributes as ReceiveMessage gave them (ApproximateReceiveCount,
 * SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp...); each message attribute is {@code {"stringValue",
 * "binaryValue" (base64), "stringListValues", "binaryListValues", "dataType"}}.
 */
final class SqsEventRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SqsEventRecords() {}

  static byte[] event(List<Message> messages, String queueArn, String region) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    messages.forEach(message -> records.add(record(message, queueArn, region)));
    try {
      return JSON.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One message's record, as the function gets it and as FilterCriteria patterns are matched against. */
  static ObjectNode record(Message message, String queueArn, String region) {
    ObjectNode record = JSON.createObjectNode();
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    ObjectNode attributes = record.putObject("attributes");
    message.attributesAsStrings().forEach(attributes::put);
    ObjectNode messageAttributes = record.putObject("messageAttributes");
    message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
    record.put("md5OfBody", message.md5OfBody());
    if (message.md5OfMessageAttributes() != null) {
      record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
    }
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", queueArn);
    record.put("awsRegion", region);
    return record;
  }

  private static ObjectNode attribute(MessageAttributeValue value) {
    ObjectNode attribute = JSON.createObjectNode();
    if (value.stringValue() != null) {
      attribute.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      attribute.put("binaryValue", base64(value.binaryValue()));
    }
    ArrayNode strings = attribute.putArray("stringListValues");
    value.stringListValues().forEach(strings::add);
    ArrayNode binaries = attribute.putArray("binaryListValues");
    value.binaryListValues().forEach(bytes -> binaries.add(base64(bytes)));
    attribute.put("dataType", value.dataType());
    return attribute;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  /** For a log line: the ids of a batch. */
  static List<String> ids(List<Message> messages) {
    return messages.stream().map(Message::messageId).toList();
  }

}
