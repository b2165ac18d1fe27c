package dev.taskapi.log;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * One line in the function's log: through Lambda's logger when the invocation has one, else on standard output,
 * which Lambda sends to the same log stream (a harness may invoke a handler with no context).
 */
public final class FunctionLog {
  private FunctionLog() {}

  public static void line(Context context, String line) {
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line + "\n"); // LambdaLogger.log(String) adds no line end of its own
    } else {
      System.out.println(line);
    }
  }
}
