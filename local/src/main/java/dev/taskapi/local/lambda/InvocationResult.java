package dev.taskapi.local.lambda;

/** How one Lambda invocation ended. */
public sealed interface InvocationResult {
  /** The handler returned (possibly null). */
  record Returned(Object output) implements InvocationResult {}

  /** The handler, or creating it, threw. */
  record Failed(Throwable error) implements InvocationResult {}

  /** The function ran past its Timeout: Lambda stops it and reports "Task timed out". */
  record TimedOut(int timeoutSeconds) implements InvocationResult {}

  /** The caller stopped waiting before the function's Timeout (API Gateway's integration timeout). */
  record Abandoned() implements InvocationResult {}
}
