package dev.taskapi.local.template;

import static dev.taskapi.local.template.Intrinsics.asMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the template's AWS::SQS::Queue resources and the functions' SAM events of {@code Type: SQS}. What the
 * local stack cannot reproduce (FIFO queues, KMS keys, other event properties) stops the load, as the IAM engine
 * does with a policy it cannot evaluate, rather than being silently dropped.
 */
final class SqsTemplateReader {
  static final String QUEUE = "AWS::SQS::Queue";
  private static final ObjectMapper JSON = new ObjectMapper();
  // AWS::SQS::Queue properties that are queue attributes of the same name (CloudFormation User Guide,
  // AWS::SQS::Queue). MessageRetentionPeriod and MaximumMessageSize are accepted by ElasticMQ and not applied.
  private static final List<String> ATTRIBUTE_PROPERTIES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
      "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize");
  private static final Set<String> QUEUE_PROPERTIES = Set.of("QueueName", "VisibilityTimeout",
      "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize",
      "RedrivePolicy", "SqsManagedSseEnabled", "Tags");
  // SAM specification, "SQS" event source: the properties this stack applies. KmsKeyArn and MetricsConfig stop
  // the load.
  private static final Set<String> EVENT_PROPERTIES = Set.of("Queue", "BatchSize", "MaximumBatchingWindowInSeconds",
      "FunctionResponseTypes", "Enabled", "ScalingConfig", "FilterCriteria");
  // "Lambda event source mappings": BatchSize default 10, at most 10 without a batching window and 10,000 with one;
  // MaximumBatchingWindowInSeconds 0 to 300; ScalingConfig.MaximumConcurrency 2 to 1000.
  private static final int DEFAULT_BATCH_SIZE = 10;

  private final Function<String, Map<?, ?>> properties;
  private final Function<String, String> physicalName;

  SqsTemplateReader(Function<String, Map<?, ?>> properties, Function<String, String> physicalName) {
    this.properties = properties;
    this.physicalName = physicalName;
  }

  QueueDef queue(String logicalId) {
    Map<?, ?> spec = properties.apply(logicalId);
    for (Object key : spec.keySet()) {
      if (!QUEUE_PROPERTIES.contains(String.valueOf(key))) {
        throw new TemplateException(logicalId + " (" + QUEUE + ") sets " + key + ", which the local SQS does not "
            + "emulate (it knows " + QUEUE_PROPERTIES + "); FIFO queues and KMS keys are not served locally");
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String name : ATTRIBUTE_PROPERTIES) {
      if (spec.get(name) != null) {
        attributes.put(name, Intrinsics.scalarToString(spec.get(name)));
      }
    }
    if (spec.get("RedrivePolicy") != null) {
      attributes.put("RedrivePolicy", redrivePolicy(logicalId, spec.get("RedrivePolicy")));
    }
    return new QueueDef(logicalId, physicalName.apply(logicalId), attributes,
        Boolean.parseBoolean(String.valueOf(spec.get("SqsManagedSseEnabled"))));
  }

  /** The SQS events of one function, from its own Events (Globals cannot carry Events). */
  List<SqsEventDef> events(String functionLogicalId) {
    List<SqsEventDef> events = new ArrayList<>();
    asMap(properties.apply(functionLogicalId).get("Events")).forEach((name, spec) -> {
      if ("SQS".equals(asMap(spec).get("Type"))) {
        events.add(event(functionLogicalId, String.valueOf(name), asMap(asMap(spec).get("Properties"))));
      }
    });
    return events;
  }

  private SqsEventDef event(String function, String name, Map<?, ?> spec) {
    String where = function + " event " + name + " (SQS)";
    for (Object key : spec.keySet()) {
      if (!EVENT_PROPERTIES.contains(String.valueOf(key))) {
        throw new TemplateException(where + " sets " + key + ", which the local event source mapping does not "
            + "apply (it knows " + EVENT_PROPERTIES + ")");
      }
    }
    String queue = spec.get("Queue") == null ? null : Intrinsics.scalarToString(spec.get("Queue"));
    if (queue == null || !queue.startsWith("arn:aws:sqs:")) {
      throw new TemplateException(where + " needs Queue, the queue's ARN (e.g. !GetAtt MyQueue.Arn); got " + queue);
    }
    int window = intOr(spec.get("MaximumBatchingWindowInSeconds"), 0);
    int batchSize = intOr(spec.get("BatchSize"), DEFAULT_BATCH_SIZE);
    if (window < 0 || window > 300 || batchSize < 1 || batchSize > (window > 0 ? 10_000 : 10)) {
      throw new TemplateException(where + ": BatchSize must be 1 to 10 (to 10,000 with a "
          + "MaximumBatchingWindowInSeconds of 1 to 300); got " + batchSize + " and " + window);
    }
    List<?> responseTypes = spec.get("FunctionResponseTypes") instanceof List<?> list ? list : List.of();
    if (!List.of("ReportBatchItemFailures").containsAll(responseTypes)) {
      throw new TemplateException(where + ": FunctionResponseTypes can only hold ReportBatchItemFailures");
    }
    Optional<Integer> concurrency = Optional.ofNullable(asMap(spec.get("ScalingConfig")).get("MaximumConcurrency"))
        .map(value -> intOr(value, 0));
    if (concurrency.isPresent() && (concurrency.get() < 2 || concurrency.get() > 1000)) {
      throw new TemplateException(where + ": ScalingConfig.MaximumConcurrency must be 2 to 1000");
    }
    List<String> patterns = new ArrayList<>();
    Object filters = asMap(spec.get("FilterCriteria")).get("Filters");
    for (Object filter : filters instanceof List<?> list ? list : List.of()) {
      patterns.add(Intrinsics.scalarToString(asMap(filter).get("Pattern")));
    }
    boolean enabled = spec.get("Enabled") == null || Boolean.parseBoolean(String.valueOf(spec.get("Enabled")));
    return new SqsEventDef(function, name, queue, batchSize, window, !responseTypes.isEmpty(), enabled, concurrency,
        patterns);
  }

  // CloudFormation takes RedrivePolicy as a JSON object (or its text); SQS takes its text.
  private static String redrivePolicy(String logicalId, Object spec) {
    Map<?, ?> policy = spec instanceof Map<?, ?> map ? map : parse(logicalId, Intrinsics.scalarToString(spec));
    if (policy.get("deadLetterTargetArn") == null || policy.get("maxReceiveCount") == null) {
      throw new TemplateException(logicalId + ": RedrivePolicy needs deadLetterTargetArn and maxReceiveCount");
    }
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("deadLetterTargetArn", Intrinsics.scalarToString(policy.get("deadLetterTargetArn")));
    text.put("maxReceiveCount", intOr(policy.get("maxReceiveCount"), 0));
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<?, ?> parse(String logicalId, String json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new TemplateException(logicalId + ": RedrivePolicy is not JSON: " + json, e);
    }
  }

  private static int intOr(Object value, int fallback) {
    return value == null ? fallback : (int) Double.parseDouble(Intrinsics.scalarToString(value));
  }
}
