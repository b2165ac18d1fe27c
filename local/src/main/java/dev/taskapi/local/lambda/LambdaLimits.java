package dev.taskapi.local.lambda;

import java.time.Duration;

/**
 * Lambda's limits on one function, as AWS applies them.
 *
 * @param initTimeout the Init phase of an on-demand environment (Lambda developer guide, "Understanding the Lambda
 *     execution environment lifecycle", Init phase: "The Init phase is limited to 10 seconds. If all three tasks
 *     do not complete within 10 seconds, Lambda retries the Init phase at the time of the first function
 *     invocation with the configured function timeout.")
 * @param snapStartInitTimeout the floor of the Init limit of a SnapStart function, where the same page says the
 *     10 seconds do not apply: "The time limit is 130 seconds or the configured function timeout (maximum 900
 *     seconds), whichever is higher."
 * @param maxRequestBytes the synchronous Invoke request (the event JSON). The quotas page ("Lambda quotas") says
 *     6 MB each way; Lambda's own error gives the bytes: "Request must be smaller than 6291456 bytes for the
 *     InvokeFunction operation" (RequestEntityTooLargeException, HTTP 413).
 * @param maxResponseBytes the synchronous response: "Response payload size exceeded maximum allowed payload size
 *     (6291556 bytes)." (error type Function.ResponseSizeTooLarge).
 */
public record LambdaLimits(
    Duration initTimeout, Duration snapStartInitTimeout, int maxRequestBytes, int maxResponseBytes) {

  public static final LambdaLimits AWS =
      new LambdaLimits(Duration.ofSeconds(10), Duration.ofSeconds(130), 6_291_456, 6_291_556);

  /** The same limits with another on-demand Init limit (tests use a short one). */
  public LambdaLimits withInitTimeout(Duration timeout) {
    return new LambdaLimits(timeout, snapStartInitTimeout, maxRequestBytes, maxResponseBytes);
  }
}
