package dev.taskapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AWS::SQS::Queue resources and SAM's SQS events, read as CloudFormation and SAM read them. */
class SqsTemplateTest {
  private static final String QUEUES = """
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Deliveries:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: deliveries
            VisibilityTimeout: 60
            DelaySeconds: 2
            ReceiveMessageWaitTimeSeconds: 20
            MessageRetentionPeriod: 1209600
            SqsManagedSseEnabled: true
            RedrivePolicy:
              deadLetterTargetArn: !GetAtt Dead.Arn
              maxReceiveCount: 5
        Dead:
          Type: AWS::SQS::Queue
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: x.Y::handleRequest
            Environment:
              Variables:
                URL: !Ref Deliveries
                ARN: !GetAtt Deliveries.Arn
                NAME: !GetAtt Dead.QueueName
                URL_ATT: !GetAtt Dead.QueueUrl
                SUB: !Sub "${Deliveries.Arn}|${Dead}"
      """;

  private static SamTemplate parse(String yaml) {
    return TemplateLoader.parse(yaml, Map.of(), "eu-west-1");
  }

  @Test
  void aQueuesPropertiesAreItsAttributesAndItsRefIsItsUrl() {
    SamTemplate template = parse(QUEUES);
    QueueDef deliveries = template.sqs().queues().getFirst();
    assertEquals("deliveries", deliveries.queueName());
    assertEquals(Map.of("VisibilityTimeout", "60", "DelaySeconds", "2", "ReceiveMessageWaitTimeSeconds", "20",
        "MessageRetentionPeriod", "1209600",
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:123456789012:Dead\",\"maxReceiveCount\":5}"),
        deliveries.attributes());
    assertTrue(deliveries.sqsManagedSse());
    assertEquals("Dead", template.sqs().queues().get(1).queueName(), "no QueueName: the logical id");

    Map<String, String> env = template.function("Fn").environment();
    assertEquals("https://sqs.eu-west-1.amazonaws.com/123456789012/deliveries", env.get("URL"));
    assertEquals("arn:aws:sqs:eu-west-1:123456789012:deliveries", env.get("ARN"));
    assertEquals("Dead", env.get("NAME"));
    assertEquals("https://sqs.eu-west-1.amazonaws.com/123456789012/Dead", env.get("URL_ATT"));
    assertEquals("arn:aws:sqs:eu-west-1:123456789012:deliveries|https://sqs.eu-west-1.amazonaws.com/123456789012/Dead",
        env.get("SUB"));
  }

  @Test
  void anSqsEventIsItsMappingWithLambdasDefaults() {
    SamTemplate template = parse(QUEUES + """
              Events:
                Plain:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Deliveries.Arn
                Tuned:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Deliveries.Arn
                    BatchSize: 100
                    MaximumBatchingWindowInSeconds: 5
                    FunctionResponseTypes: [ReportBatchItemFailures]
                    Enabled: false
                    ScalingConfig:
                      MaximumConcurrency: 3
        """);
    assertEquals(List.of(
        new SqsEventDef("Fn", "Plain", "arn:aws:sqs:eu-west-1:123456789012:deliveries", 10, 0, false, true,
            Optional.empty(), List.of()),
        new SqsEventDef("Fn", "Tuned", "arn:aws:sqs:eu-west-1:123456789012:deliveries", 100, 5, true, false,
            Optional.of(3), List.of())),
        template.sqs().eventSourcesOf("Fn"));
    assertEquals("deliveries", template.sqs().eventSources().getFirst().queueName());
  }

  @Test
  void whatTheLocalSqsCannotReproduceStopsTheLoad() {
    assertThrows(TemplateException.class, () -> parse("""
        Resources:
          Fifo:
            Type: AWS::SQS::Queue
            Properties:
              FifoQueue: true
        """));
    assertThrows(TemplateException.class, () -> parse(QUEUES + """
              Events:
                TooBig:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Deliveries.Arn
                    BatchSize: 11
        """), "over 10 without a batching window");
    assertThrows(TemplateException.class, () -> parse(QUEUES + """
              Events:
                Kms:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Deliveries.Arn
                    KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/x
        """));
  }
}
