package dev.taskapi.local.iam;

import dev.taskapi.local.template.SqsEventDef;
import java.util.List;

/**
 * The managed policies SAM attaches to a function's execution role for its event sources (samtranslator
 * {@code model/eventsources/pull.py}: an SQS event adds {@code AWSLambdaSQSQueueExecutionRole} to the role's
 * ManagedPolicyArns), as the statements the local IAM engine evaluates the event source mapping's own calls with:
 * Lambda polls the queue with the function's execution role.
 *
 * <p>AWSLambdaSQSQueueExecutionRole (AWS Managed Policy Reference), one statement: Allow {@code
 * sqs:ReceiveMessage}, {@code sqs:DeleteMessage}, {@code sqs:GetQueueAttributes}, {@code logs:CreateLogGroup},
 * {@code logs:CreateLogStream}, {@code logs:PutLogEvents} on {@code *}. Its {@code logs:} actions are left out
 * here: they are those of AWSLambdaBasicExecutionRole, which SAM attaches to every function and the local stack
 * does not evaluate either (it writes every function's logs itself), so no grant the stack cannot use is reported
 * as unused.
 */
final class EventSourcePolicies {
  static final String SQS_EXECUTION_ROLE = "AWSLambdaSQSQueueExecutionRole";

  private EventSourcePolicies() {}

  /** The statements SAM's managed policies give a function with these SQS event sources; none without any. */
  static List<Statement> managedStatements(List<SqsEventDef> sqsEvents) {
    if (sqsEvents.isEmpty()) {
      return List.of();
    }
    // One policy attachment however many SQS events the function has.
    return List.of(new Statement("ManagedPolicyArns " + SQS_EXECUTION_ROLE + " (SQS event "
        + sqsEvents.getFirst().eventName() + ")", Statement.Effect.ALLOW,
        List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"), List.of("*"), List.of()));
  }
}
