package dev.taskapi.log;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.config.Environment;
import java.io.IOException;

/**
 * The CloudWatch metrics one request line carries, in Embedded Metric Format: CloudWatch Logs turns the line into
 * metrics as it ingests it, so no metrics client, call or dependency runs on the request path ("Specification:
 * Embedded metric format", Amazon CloudWatch User Guide,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 *
 * <p>The one dimension is {@code Operation}: the route as the template declares it ({@code POST /tasks/{task_id}}) or
 * {@code authorize} for the authorizer, a set fixed by template.yaml. Nothing the caller chooses (a user id, a task
 * id, a raw path) is ever a dimension: each distinct value is a custom metric CloudWatch bills for.
 *
 * @param operation the {@code Operation} dimension's value
 * @param status the HTTP status answered; it sets the 4xx and 5xx counts (their Average is the error rate)
 * @param latencyMs the handler's own time
 * @param businessMetric the business event this request was, counted once, or null (docs/operations.md: Operating it)
 * @param timestampMillis when the request ended, epoch milliseconds (the spec's {@code Timestamp})
 */
record RequestMetrics(
    String operation, int status, long latencyMs, String businessMetric, long timestampMillis) {
  /** The dimension's name. */
  static final String OPERATION = "Operation";

  /**
   * One namespace per stack (template.yaml sets it to {@code TaskApi/<stack name>}), so the metrics of two stacks
   * in one account never add up. Unset (a test, a local JVM that did not set it): {@code TaskApi}. Read through
   * {@link Environment#current()}, as every variable is, so the local stack gives each function its template's.
   */
  static final String NAMESPACE = namespace(Environment.current().variables().get("METRICS_NAMESPACE"));

  static String namespace(String configured) {
    return configured == null || configured.isBlank() ? "TaskApi" : configured;
  }

  /** Writes the {@code _aws} metadata and the members it names into the line's open JSON object. */
  void writeInto(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("_aws");
    json.writeNumberField("Timestamp", timestampMillis);
    json.writeArrayFieldStart("CloudWatchMetrics");
    json.writeStartObject();
    json.writeStringField("Namespace", NAMESPACE);
    json.writeArrayFieldStart("Dimensions");
    json.writeStartArray();
    json.writeString(OPERATION);
    json.writeEndArray();
    json.writeEndArray();
    json.writeArrayFieldStart("Metrics");
    metric(json, "Requests", "Count");
    metric(json, "Latency", "Milliseconds");
    metric(json, "Status4xx", "Count");
    metric(json, "Status5xx", "Count");
    if (businessMetric != null) {
      metric(json, businessMetric, "Count");
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();

    json.writeStringField(OPERATION, operation);
    json.writeNumberField("Requests", 1);
    json.writeNumberField("Latency", latencyMs);
    json.writeNumberField("Status4xx", status / 100 == 4 ? 1 : 0);
    json.writeNumberField("Status5xx", status / 100 == 5 ? 1 : 0);
    if (businessMetric != null) {
      json.writeNumberField(businessMetric, 1);
    }
  }

  private static void metric(JsonGenerator json, String name, String unit) throws IOException {
    json.writeStartObject();
    json.writeStringField("Name", name);
    json.writeStringField("Unit", unit);
    json.writeEndObject();
  }
}
