package dev.taskapi.local.template;

import java.util.List;

/** The template's Amazon SQS side: its queues and the functions' SQS event source mappings. */
public record SqsResources(List<QueueDef> queues, List<SqsEventDef> eventSources) {
  public static final SqsResources NONE = new SqsResources(List.of(), List.of());

  public SqsResources {
    queues = List.copyOf(queues);
    eventSources = List.copyOf(eventSources);
  }

  /** The SQS event sources of one function. */
  public List<SqsEventDef> eventSourcesOf(String functionLogicalId) {
    return eventSources.stream().filter(e -> e.functionLogicalId().equals(functionLogicalId)).toList();
  }
}
