package dev.taskapi.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The one structured log line each function writes per request, as JSON so CloudWatch Logs Insights discovers
 * its fields ({@code filter status >= 500}, {@code stats avg(latency_ms) by route}). It has no field that could
 * carry a body, a header, a token or a key: what it may say is fixed by its components.
 *
 * <p>A few lines on the Jackson every function already loads, rather than a logging library: a library's
 * initialization costs cold start on every function for one line (see README, Logs).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestLogLine(
    String requestId,
    String apiRequestId,
    String function,
    String method,
    String route,
    int status,
    long latencyMs,
    String userId) {

  /** Writes the line to the function's log (CloudWatch in AWS, standard error locally). */
  public void writeTo(Context context) {
    String line;
    try {
      line = Json.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("log line did not serialize", e); // strings and numbers always do
    }
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line + "\n");
    } else {
      System.out.println(line);
    }
  }

  /**
   * The line for a request that started at {@code startNanos} (a {@link System#nanoTime()} reading). The Lambda
   * request id and function name come from the context; outside Lambda they are left out.
   */
  public static RequestLogLine of(
      Context context, String apiRequestId, String method, String route, int status, long startNanos, String userId) {
    return new RequestLogLine(
        context == null ? null : context.getAwsRequestId(),
        apiRequestId,
        context == null ? null : context.getFunctionName(),
        method,
        route,
        status,
        (System.nanoTime() - startNanos) / 1_000_000,
        userId);
  }
}
