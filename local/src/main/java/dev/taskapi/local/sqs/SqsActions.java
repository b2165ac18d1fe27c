package dev.taskapi.local.sqs;

import java.util.Map;

/**
 * The IAM action an SQS API call is authorized as ("Actions, resources, and condition keys for Amazon SQS",
 * Service Authorization Reference): each action is its own, except the batch calls, which SQS authorizes as
 * their single-message action; there is no {@code sqs:SendMessageBatch} permission. SQS's denial of a
 * SendMessageBatch names {@code sqs:sendmessage} (reported in github:aws/serverless-application-model#3633).
 */
final class SqsActions {
  private static final Map<String, String> BATCH_TO_SINGLE = Map.of(
      "SendMessageBatch", "SendMessage",
      "DeleteMessageBatch", "DeleteMessage",
      "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

  private SqsActions() {}

  /** {@code sqs:<action>} for the API operation named in X-Amz-Target ({@code AmazonSQS.<operation>}). */
  static String iamAction(String operation) {
    return "sqs:" + BATCH_TO_SINGLE.getOrDefault(operation, operation);
  }
}
