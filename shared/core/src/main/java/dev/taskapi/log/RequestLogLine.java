package dev.taskapi.log;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.snapstart.Priming;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one structured log line each function writes per request, as JSON so CloudWatch Logs Insights discovers
 * its fields ({@code filter status >= 500}, {@code stats avg(latency_ms) by route}). It has no field that could
 * carry a body, a header, a token or a key: what it may say is fixed by its components.
 *
 * <p>A few lines on the Jackson every function already loads, rather than a logging library, whose
 * initialization costs cold start on every function for one line (bench/log-cold-start, docs/operations.md: Logs).
 *
 * <p>The same line is the request's CloudWatch metrics ({@link RequestMetrics}, Embedded Metric Format): one write,
 * no metrics library. {@code metrics} is null for a line that must not count, such as a SnapStart priming request.
 */
public record RequestLogLine(
    String requestId,
    String apiRequestId,
    String function,
    String method,
    String route,
    int status,
    long latencyMs,
    String userId,
    RequestMetrics metrics) {

  /** Writes the line to the function's log (CloudWatch in AWS, standard error locally). */
  public void writeTo(Context context) {
    String line = toJson();
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line + "\n");
    } else {
      System.out.println(line);
    }
  }

  /**
   * The line as one JSON object, fields in declaration order and absent ones left out. Written with Jackson's
   * streaming generator: databind's first use of a record type (introspection) would add to every cold start.
   */
  String toJson() {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      writeIfPresent(json, "request_id", requestId);
      writeIfPresent(json, "api_request_id", apiRequestId);
      writeIfPresent(json, "function", function);
      writeIfPresent(json, "method", method);
      writeIfPresent(json, "route", route);
      json.writeNumberField("status", status);
      json.writeNumberField("latency_ms", latencyMs);
      writeIfPresent(json, "user_id", userId);
      if (metrics != null) {
        metrics.writeInto(json);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void writeIfPresent(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  /**
   * The line for a request that started at {@code startNanos} (a {@link System#nanoTime()} reading). The Lambda
   * request id and function name come from the context; outside Lambda they are left out.
   *
   * @param operation the metrics' {@code Operation} dimension, a value from a set the template fixes (never a raw
   *     path); null writes no metrics
   * @param businessMetric the business event to count (for example {@code TasksCreated}), or null
   */
  public static RequestLogLine of(
      Context context,
      String apiRequestId,
      String method,
      String route,
      int status,
      long startNanos,
      String userId,
      String operation,
      String businessMetric) {
    long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
    // Priming requests are not traffic: they keep their line (the snapshot's log shows them) but count nowhere.
    RequestMetrics metrics =
        operation == null || Priming.active()
            ? null
            : new RequestMetrics(operation, status, latencyMs, businessMetric, System.currentTimeMillis());
    return new RequestLogLine(
        context == null ? null : context.getAwsRequestId(),
        apiRequestId,
        context == null ? null : context.getFunctionName(),
        method,
        route,
        status,
        latencyMs,
        userId,
        metrics);
  }
}
