package dev.taskapi.local.eventsource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.local.template.TemplateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** FilterCriteria on SQS records, as Lambda matches them: a JSON body by its keys, the metadata by its own. */
class MessageFilterTest {
  private static boolean passes(List<String> patterns, String body) {
    Message message = Message.builder().messageId("m1").receiptHandle("r1").body(body).md5OfBody("x")
        .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")).build();
    return MessageFilter.of("Fn.Event", patterns)
        .passes(SqsEventRecords.record(message, "arn:aws:sqs:us-east-1:123456789012:q", "us-east-1"));
  }

  @Test
  void aJsonBodyIsMatchedByItsKeys() {
    List<String> webhooks = List.of("{\"body\": {\"type\": [\"webhook\"]}}");
    assertEquals(true, passes(webhooks, "{\"type\": \"webhook\", \"id\": 1}"));
    assertEquals(false, passes(webhooks, "{\"type\": \"other\"}"));
    assertEquals(false, passes(webhooks, "type webhook"), "a plain body has no keys");
  }

  @Test
  void anyPatternLetsAMessageThroughAndNoneLetsEveryMessageThrough() {
    List<String> patterns = List.of("{\"body\": [\"exact\"]}", "{\"attributes\": {\"ApproximateReceiveCount\": [\"2\"]}}");
    assertEquals(true, passes(patterns, "exact"));
    assertEquals(false, passes(patterns, "other"), "first receive, another body");
    assertEquals(true, passes(List.of(), "anything"));
  }

  @Test
  void aPatternLambdaWouldRefuseStopsTheMapping() {
    assertThrows(TemplateException.class, () -> MessageFilter.of("Fn.Event", List.of("{\"body\": \"not a list\"}")));
  }
}
