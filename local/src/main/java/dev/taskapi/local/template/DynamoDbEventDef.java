package dev.taskapi.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A function's {@code Type: DynamoDB} event: the event source mapping SAM creates from it (AWS SAM Developer Guide,
 * "DynamoDB" event source type; its properties are AWS::Lambda::EventSourceMapping's). Defaults and bounds are the
 * Lambda API Reference's (CreateEventSourceMapping): BatchSize 1 to 10,000 (default 100),
 * MaximumBatchingWindowInSeconds 0 to 300 (default 0), MaximumRetryAttempts -1 to 10,000 (default -1: until the
 * record expires), MaximumRecordAgeInSeconds -1 or 60 to 604,800 (default -1: never discarded for its age).
 *
 * @param name the function and event names, for messages
 * @param streamArn {@code Stream}, the stream ARN
 * @param startingPosition TRIM_HORIZON or LATEST (AT_TIMESTAMP is for Kinesis only)
 * @param filterPatterns the {@code FilterCriteria.Filters[].Pattern} JSON texts (a record passes when any matches)
 * @param onFailureDestination {@code DestinationConfig.OnFailure.Destination}, or null
 */
public record DynamoDbEventDef(
    String name,
    String streamArn,
    String startingPosition,
    int batchSize,
    int maximumBatchingWindowSeconds,
    List<String> filterPatterns,
    int maximumRetryAttempts,
    int maximumRecordAgeSeconds,
    boolean bisectBatchOnFunctionError,
    boolean reportBatchItemFailures,
    boolean enabled,
    String onFailureDestination) {

  private static final Set<String> PROPERTIES = Set.of("Stream", "StartingPosition", "BatchSize",
      "MaximumBatchingWindowInSeconds", "FilterCriteria", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds",
      "BisectBatchOnFunctionError", "FunctionResponseTypes", "Enabled", "DestinationConfig");

  public DynamoDbEventDef {
    filterPatterns = List.copyOf(filterPatterns);
  }

  /** Reads the event's resolved Properties; what Lambda would refuse stops the load with its reason. */
  static DynamoDbEventDef read(String name, Map<?, ?> properties) {
    for (Object key : properties.keySet()) {
      if (!PROPERTIES.contains(String.valueOf(key))) {
        throw new TemplateException(name + ": the local event source mapping does not know " + key
            + " (it knows " + PROPERTIES + ")");
      }
    }
    String stream = text(properties.get("Stream"));
    if (stream == null || !stream.contains("/stream/")) {
      throw new TemplateException(name + ": Stream must be a DynamoDB stream ARN (!GetAtt Table.StreamArn), not " + stream);
    }
    String start = text(properties.get("StartingPosition"));
    if (!"TRIM_HORIZON".equals(start) && !"LATEST".equals(start)) {
      throw new TemplateException(name + ": StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream, not "
          + start);
    }
    List<String> patterns = new ArrayList<>();
    Object filters = asMap(properties.get("FilterCriteria")).get("Filters");
    if (filters instanceof List<?> list) {
      for (Object filter : list) {
        patterns.add(String.valueOf(asMap(filter).get("Pattern")));
      }
    }
    Object responseTypes = properties.get("FunctionResponseTypes");
    boolean reportFailures = responseTypes instanceof List<?> types && types.contains("ReportBatchItemFailures");
    int maxAge = number(name, properties, "MaximumRecordAgeInSeconds", -1, -1, 604_800);
    if (maxAge != -1 && maxAge < 60) {
      throw new TemplateException(name + ": MaximumRecordAgeInSeconds must be -1 or 60 to 604800, not " + maxAge);
    }
    return new DynamoDbEventDef(
        name,
        stream,
        start,
        number(name, properties, "BatchSize", 100, 1, 10_000),
        number(name, properties, "MaximumBatchingWindowInSeconds", 0, 0, 300),
        patterns,
        number(name, properties, "MaximumRetryAttempts", -1, -1, 10_000),
        maxAge,
        Boolean.parseBoolean(String.valueOf(properties.get("BisectBatchOnFunctionError"))),
        reportFailures,
        properties.get("Enabled") == null || Boolean.parseBoolean(String.valueOf(properties.get("Enabled"))),
        text(asMap(asMap(properties.get("DestinationConfig")).get("OnFailure")).get("Destination")));
  }

  private static int number(String name, Map<?, ?> properties, String key, int absent, int min, int max) {
    Object value = properties.get(key);
    if (value == null) {
      return absent;
    }
    int number;
    try {
      number = (int) Double.parseDouble(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new TemplateException(name + ": " + key + " is not a number: " + value, e);
    }
    if (number < min || number > max) {
      throw new TemplateException(name + ": " + key + " must be " + min + " to " + max + ", not " + number);
    }
    return number;
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static Map<?, ?> asMap(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
