package dev.taskapi.local.iam;

import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.template.TemplateException;
import java.util.List;
import java.util.Map;

/**
 * The SAM policy templates this project's template uses, expanded as SAM expands them. Source:
 * github:aws/serverless-application-model, samtranslator/policy_templates_data/policy_templates.json
 * (templates file "Version": "0.0.1", read at commit 013ec109893d6fbb6ea2e148f37f1f5eb34471a1). Only the templates
 * in use are implemented; any other name fails at load rather than granting nothing or too much.
 */
final class SamPolicyTemplates {
  private SamPolicyTemplates() {}

  static List<Statement> expand(String name, Object parameters, String source, String region) {
    Map<?, ?> values = parameters instanceof Map<?, ?> map ? map : Map.of();
    return switch (name) {
      // {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"],
      //  "Resource": {"Fn::Sub": ["${secretArn}", {"secretArn": {"Ref": "SecretArn"}}]}}
      case "AWSSecretsManagerGetSecretValuePolicy" -> List.of(new Statement(source, Statement.Effect.ALLOW,
          List.of("secretsmanager:GetSecretValue"), List.of(required(name, values, "SecretArn")), List.of()));
      // {"Effect": "Allow", "Action": ["sqs:SendMessage*"], "Resource": {"Fn::Sub": [
      //  "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}", {"queueName": {"Ref": "QueueName"}}]}}
      case "SQSSendMessagePolicy" -> List.of(new Statement(source, Statement.Effect.ALLOW,
          List.of("sqs:SendMessage*"), List.of(queueArn(region, required(name, values, "QueueName"))), List.of()));
      // {"Effect": "Allow", "Action": ["sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch",
      //  "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
      //  "Resource": the queue's ARN, as above}
      case "SQSPollerPolicy" -> List.of(new Statement(source, Statement.Effect.ALLOW,
          List.of("sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
              "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"),
          List.of(queueArn(region, required(name, values, "QueueName"))), List.of()));
      default -> throw new TemplateException("SAM policy template " + name + " (" + source + ") is not implemented "
          + "by the local IAM engine; add its expansion from SAM's policy_templates.json to SamPolicyTemplates");
    };
  }

  private static String queueArn(String region, String queueName) {
    return "arn:aws:sqs:%s:%s:%s".formatted(region, FakeAws.ACCOUNT_ID, queueName);
  }

  private static String required(String template, Map<?, ?> values, String parameter) {
    Object value = values.get(parameter);
    if (value == null) {
      // SAM's own message for this case is "Missing parameter values: <name>".
      throw new TemplateException(template + " is missing its parameter " + parameter);
    }
    return String.valueOf(value);
  }
}
