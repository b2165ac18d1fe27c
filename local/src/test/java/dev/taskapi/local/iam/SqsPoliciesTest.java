package dev.taskapi.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.local.template.TemplateLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SQS side of the execution roles: SAM's SQS policy templates (policy_templates.json) and the managed policy
 * SAM attaches for an SQS event, as the local IAM engine evaluates them.
 */
class SqsPoliciesTest {
  private static final String QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:deliveries";

  private static FunctionPolicies policies() {
    return FunctionPolicies.of(TemplateLoader.parse("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: deliveries
          Sender:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y::handleRequest
              Policies:
                - SQSSendMessagePolicy:
                    QueueName: !GetAtt Queue.QueueName
          Deliverer:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y::handleRequest
              Timeout: 10
              Policies:
                - SQSPollerPolicy:
                    QueueName: !GetAtt Queue.QueueName
              Events:
                First:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Queue.Arn
                Second:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Queue.Arn
        """, Map.of(), "eu-west-1"));
  }

  @Test
  void sqsSendMessagePolicyAllowsSendMessageStarOnTheQueueArnOfItsRegion() {
    assertEquals(List.of(new Statement("Policies[0] SQSSendMessagePolicy", Statement.Effect.ALLOW,
        List.of("sqs:SendMessage*"), List.of(QUEUE_ARN), List.of())), policies().statements("Sender"));
  }

  @Test
  void sqsPollerPolicyAndTheSqsEventsManagedPolicyOnceHoweverManyEvents() {
    assertEquals(List.of(
        new Statement("Policies[0] SQSPollerPolicy", Statement.Effect.ALLOW,
            List.of("sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
                "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"),
            List.of(QUEUE_ARN), List.of()),
        new Statement("ManagedPolicyArns AWSLambdaSQSQueueExecutionRole (SQS event First)", Statement.Effect.ALLOW,
            List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"), List.of("*"), List.of())),
        policies().statements("Deliverer"));
  }

  @Test
  void aFunctionWithoutAnSqsEventGetsNoManagedStatement() {
    assertEquals(1, policies().statements("Sender").size());
  }
}
