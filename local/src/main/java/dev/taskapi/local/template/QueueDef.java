package dev.taskapi.local.template;

import java.util.Map;

/**
 * An AWS::SQS::Queue, as the local SQS creates it.
 *
 * @param queueName QueueName when the template sets it, else the logical id (CloudFormation would generate
 *     {@code <stack>-<logical id>-<suffix>})
 * @param attributes the queue attributes its properties set, named and written as CreateQueue and
 *     SetQueueAttributes take them ({@code VisibilityTimeout}, {@code RedrivePolicy} as its JSON text...)
 * @param sqsManagedSse SqsManagedSseEnabled: accepted; the local queue is not encrypted (its folder is the owner's)
 */
public record QueueDef(String logicalId, String queueName, Map<String, String> attributes, boolean sqsManagedSse) {
  public QueueDef {
    attributes = Map.copyOf(attributes);
  }
}
