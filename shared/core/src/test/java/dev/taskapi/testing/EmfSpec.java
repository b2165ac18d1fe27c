package dev.taskapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a log line against the CloudWatch Embedded Metric Format specification ("Specification: Embedded metric
 * format", Amazon CloudWatch User Guide,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the root's {@code _aws} metadata with its {@code Timestamp} and {@code CloudWatchMetrics} directives, each
 * directive's {@code Namespace}, {@code Dimensions} and {@code Metrics}, and a root member of the right type for
 * every dimension and metric a directive names. CloudWatch Logs silently drops a document that breaks these rules
 * (it counts it in AWS/Logs EMFValidationErrors), so a broken line would be lost metrics, not a failure anyone sees.
 */
public final class EmfSpec {
  /** The spec's MetricDefinition Unit values (CloudWatch's StandardUnit). */
  private static final Set<String> UNITS =
      Set.of(
          "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
          "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
          "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
          "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

  private EmfSpec() {}

  /** Every way {@code root} breaks the specification; empty for a valid EMF document. */
  public static List<String> violations(JsonNode root) {
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      problems.add("the root node must be a JSON object");
      return problems;
    }
    JsonNode metadata = root.get("_aws");
    if (metadata == null || !metadata.isObject()) {
      problems.add("the root must have the _aws metadata object");
      return problems;
    }
    JsonNode timestamp = metadata.get("Timestamp");
    if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.asLong() <= 0) {
      problems.add("_aws.Timestamp must be a number of milliseconds since the epoch");
    }
    JsonNode directives = metadata.get("CloudWatchMetrics");
    if (directives == null || !directives.isArray()) {
      problems.add("_aws.CloudWatchMetrics must be an array of MetricDirective objects");
      return problems;
    }
    for (JsonNode directive : directives) {
      checkDirective(root, directive, problems);
    }
    return problems;
  }

  private static void checkDirective(JsonNode root, JsonNode directive, List<String> problems) {
    if (!directive.isObject()) {
      problems.add("a MetricDirective must be an object");
      return;
    }
    JsonNode namespace = directive.get("Namespace");
    if (namespace == null || !namespace.isTextual() || namespace.asText().isEmpty()
        || namespace.asText().length() > 1024) {
      problems.add("MetricDirective.Namespace must be a string of 1 to 1024 characters");
    }
    JsonNode dimensions = directive.get("Dimensions");
    if (dimensions == null || !dimensions.isArray()) {
      problems.add("MetricDirective.Dimensions must be an array of DimensionSet arrays");
    } else {
      for (JsonNode set : dimensions) {
        checkDimensionSet(root, set, problems);
      }
    }
    JsonNode metrics = directive.get("Metrics");
    if (metrics == null || !metrics.isArray()) {
      problems.add("MetricDirective.Metrics must be an array of MetricDefinition objects");
      return;
    }
    if (metrics.size() > 100) {
      problems.add("a MetricDirective must not have more than 100 metrics");
    }
    Set<String> names = new HashSet<>();
    for (JsonNode metric : metrics) {
      checkMetric(root, metric, names, problems);
    }
  }

  private static void checkDimensionSet(JsonNode root, JsonNode set, List<String> problems) {
    if (!set.isArray()) {
      problems.add("a DimensionSet must be an array of strings");
      return;
    }
    if (set.size() > 30) {
      problems.add("a DimensionSet must not have more than 30 dimension keys");
    }
    for (JsonNode key : set) {
      if (!key.isTextual()) {
        problems.add("a DimensionSet must hold only strings");
        continue;
      }
      JsonNode value = root.get(key.asText());
      if (value == null || !value.isTextual() || value.asText().isEmpty() || value.asText().length() > 1024) {
        problems.add("dimension " + key.asText() + " must name a root member holding a string of 1 to 1024 characters");
      }
    }
  }

  private static void checkMetric(JsonNode root, JsonNode metric, Set<String> names, List<String> problems) {
    JsonNode name = metric.get("Name");
    if (!metric.isObject() || name == null || !name.isTextual() || name.asText().isEmpty()
        || name.asText().length() > 1024) {
      problems.add("MetricDefinition.Name must be a string of 1 to 1024 characters");
      return;
    }
    if (!names.add(name.asText())) {
      problems.add("metric " + name.asText() + " is named twice in one directive");
    }
    JsonNode unit = metric.get("Unit");
    if (unit != null && !(unit.isTextual() && UNITS.contains(unit.asText()))) {
      problems.add("metric " + name.asText() + " has a Unit that is not a CloudWatch unit: " + unit);
    }
    JsonNode resolution = metric.get("StorageResolution");
    if (resolution != null && !(resolution.isInt() && (resolution.asInt() == 1 || resolution.asInt() == 60))) {
      problems.add("metric " + name.asText() + " StorageResolution must be 1 or 60");
    }
    JsonNode value = root.get(name.asText());
    boolean numbers = value != null && value.isArray() && value.size() <= 100 && !value.isEmpty();
    if (numbers) {
      for (JsonNode element : value) {
        numbers &= element.isNumber();
      }
    }
    if (value == null || !(value.isNumber() || numbers)) {
      problems.add("metric " + name.asText() + " must name a root member holding a number or up to 100 numbers");
    }
  }
}
