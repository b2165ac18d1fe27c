package dev.taskapi.local.lambda;

/** How one Lambda invocation ended. */
public sealed interface InvocationResult {
  /** The function answered: its response payload, JSON as the runtime serialized it. */
  record Returned(String payload) implements InvocationResult {}

  /** The handler, or its Init, threw. */
  record Failed(Throwable error) implements InvocationResult {}

  /** The function ran past its Timeout: Lambda stops it and reports "Task timed out". */
  record TimedOut(int timeoutSeconds) implements InvocationResult {}

  /** The caller stopped waiting before the function's Timeout (API Gateway's integration timeout). */
  record Abandoned() implements InvocationResult {}

  /** Lambda refused the event before running anything: over the synchronous request payload limit. */
  record RequestTooLarge(int bytes, int limit) implements InvocationResult {
    /** Lambda's RequestEntityTooLargeException message. */
    public String message() {
      return "Request must be smaller than " + limit + " bytes for the InvokeFunction operation";
    }
  }

  /** The function answered more than the synchronous response payload limit; Lambda reports an error instead. */
  record ResponseTooLarge(int bytes, int limit) implements InvocationResult {
    /** The errorMessage of Lambda's Function.ResponseSizeTooLarge error. */
    public String message() {
      return "Response payload size exceeded maximum allowed payload size (" + limit + " bytes).";
    }
  }
}
