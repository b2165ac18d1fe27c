package dev.taskapi.local.sqs;

import dev.taskapi.local.template.QueueDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Deploys the template's AWS::SQS::Queue resources on the local SQS, as CloudFormation would: a missing queue is
 * created, an existing one (kept from an earlier start) gets the template's attributes in place, its messages
 * kept. Redrive policies are set after every queue exists, since a dead-letter queue may come later in the
 * template (SQS refuses a RedrivePolicy whose target does not exist).
 */
public final class LocalQueues {
  private LocalQueues() {}

  /** What was done, one line per queue (for the start banner). */
  public static List<String> deploy(SqsClient elasticMq, List<QueueDef> queues) {
    List<String> changes = new ArrayList<>();
    for (QueueDef queue : queues) {
      Map<String, String> attributes = new LinkedHashMap<>(queue.attributes());
      attributes.remove("RedrivePolicy");
      try {
        String url = elasticMq.getQueueUrl(r -> r.queueName(queue.queueName())).queueUrl();
        if (!attributes.isEmpty()) {
          elasticMq.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(attributes));
        }
        changes.add("queue " + queue.queueName() + " kept, attributes updated" + sseNote(queue));
      } catch (QueueDoesNotExistException e) {
        elasticMq.createQueue(r -> r.queueName(queue.queueName()).attributesWithStrings(attributes));
        changes.add("queue " + queue.queueName() + " created" + sseNote(queue));
      }
    }
    for (QueueDef queue : queues) {
      String redrivePolicy = queue.attributes().get("RedrivePolicy");
      if (redrivePolicy != null) {
        String url = elasticMq.getQueueUrl(r -> r.queueName(queue.queueName())).queueUrl();
        elasticMq.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("RedrivePolicy", redrivePolicy)));
      }
    }
    return changes;
  }

  private static String sseNote(QueueDef queue) {
    return queue.sqsManagedSse() ? " (SqsManagedSseEnabled: not encrypted locally; its folder is the owner's)" : "";
  }
}
