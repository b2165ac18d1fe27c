package dev.taskapi.local.iam;

import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.local.template.SqsEventDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS managed policies SAM attaches to a function's execution role for its event sources (samtranslator
 * {@code model/eventsources/pull.py}), as the statements the local IAM engine evaluates the event source
 * mappings' own calls with: Lambda reads a stream and polls a queue with the function's execution role.
 *
 * <ul>
 *   <li>A DynamoDB event: AWSLambdaDynamoDBExecutionRole (SAM Developer Guide, "DynamoDB" event source; AWS Managed
 *       Policy Reference, version 1), one statement allowing {@code dynamodb:DescribeStream}, {@code
 *       dynamodb:GetRecords}, {@code dynamodb:GetShardIterator}, {@code dynamodb:ListStreams} and the three {@code
 *       logs:} actions on {@code *}.
 *   <li>An SQS event: AWSLambdaSQSQueueExecutionRole (AWS Managed Policy Reference), one statement allowing {@code
 *       sqs:ReceiveMessage}, {@code sqs:DeleteMessage}, {@code sqs:GetQueueAttributes} and the three {@code logs:}
 *       actions on {@code *}.
 * </ul>
 *
 * <p>Their {@code logs:} actions are left out: they are those of AWSLambdaBasicExecutionRole, which SAM attaches
 * to every function and the local stack does not evaluate either (it writes every function's logs itself), so no
 * grant the stack cannot use is reported as unused. One attachment per kind, however many events of it.
 */
final class EventSourcePolicies {
  private static final String SOURCE_PREFIX = "ManagedPolicyArns ";

  private EventSourcePolicies() {}

  /** The statements SAM's managed policies give {@code function} for its event sources; none without any. */
  static List<Statement> managedStatements(FunctionDef function, List<SqsEventDef> sqsEvents) {
    List<Statement> statements = new ArrayList<>();
    if (!function.dynamoDbEvents().isEmpty()) {
      statements.add(managed("AWSLambdaDynamoDBExecutionRole", "DynamoDB event "
          + function.dynamoDbEvents().getFirst().name(), List.of("dynamodb:DescribeStream",
          "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams")));
    }
    if (!sqsEvents.isEmpty()) {
      statements.add(managed("AWSLambdaSQSQueueExecutionRole", "SQS event " + sqsEvents.getFirst().eventName(),
          List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")));
    }
    return statements;
  }

  /** Whether {@code statement} is one of these managed policies' (its source says so). */
  static boolean isManaged(Statement statement) {
    return statement.source().startsWith(SOURCE_PREFIX);
  }

  private static Statement managed(String policy, String why, List<String> actions) {
    return new Statement(SOURCE_PREFIX + policy + " (" + why + ")", Statement.Effect.ALLOW, actions,
        List.of("*"), List.of());
  }
}
