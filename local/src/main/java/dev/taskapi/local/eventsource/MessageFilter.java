package dev.taskapi.local.eventsource;

import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** Which messages a mapping's {@code FilterCriteria} lets through; all of them without filters. */
interface MessageFilter {
  boolean matches(Message message);

  static MessageFilter of(List<String> patterns) {
    if (patterns.isEmpty()) {
      return message -> true;
    }
    throw new dev.taskapi.local.template.TemplateException(
        "FilterCriteria is not applied by the local SQS event source mapping yet");
  }
}
