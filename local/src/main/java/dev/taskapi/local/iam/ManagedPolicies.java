package dev.taskapi.local.iam;

import java.util.List;

/**
 * The AWS managed policies SAM attaches to a function's role on its own, with their statements as the AWS Managed
 * Policy Reference Guide documents them.
 */
final class ManagedPolicies {
  private static final String DYNAMODB_EXECUTION_ROLE_NAME = "AWSLambdaDynamoDBExecutionRole";
  private static final String NOT_EVALUATED = " (CloudWatch Logs: not called locally)";

  /**
   * AWSLambdaDynamoDBExecutionRole, which SAM adds to the role of a function with a DynamoDB event (SAM Developer
   * Guide, "DynamoDB" event source: "AWS SAM ... attaches the AWSLambdaDynamoDBExecutionRole managed policy"): one
   * statement allowing dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator,
   * dynamodb:ListStreams, logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents on "*" (AWS Managed
   * Policy Reference Guide, AWSLambdaDynamoDBExecutionRole, version 1). Held here as two statements of the same
   * effect and resource, which IAM evaluates alike, so that the logs part, which nothing calls locally, stays out of
   * the unused-grants report while the stream reads the event source mapping makes are counted as used.
   */
  static final List<Statement> DYNAMODB_EXECUTION_ROLE = List.of(
      new Statement("ManagedPolicy " + DYNAMODB_EXECUTION_ROLE_NAME, Statement.Effect.ALLOW,
          List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
              "dynamodb:ListStreams"),
          List.of("*"), List.of()),
      new Statement("ManagedPolicy " + DYNAMODB_EXECUTION_ROLE_NAME + NOT_EVALUATED, Statement.Effect.ALLOW,
          List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"), List.of("*"), List.of()));

  private ManagedPolicies() {}

  /** Whether the unused-grants report lists the statement's grants. */
  static boolean reported(Statement statement) {
    return !statement.source().endsWith(NOT_EVALUATED);
  }
}
