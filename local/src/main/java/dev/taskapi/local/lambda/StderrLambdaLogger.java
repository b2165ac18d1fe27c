package dev.taskapi.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Lambda's logger writes to CloudWatch; locally the function's log lines go to standard error. */
final class StderrLambdaLogger implements LambdaLogger {
  @Override
  public void log(String message) {
    // Looked up per line, like the gateway's own output: a System.err redirected later gets the functions' lines too.
    PrintStream out = System.err;
    out.print(message);
    out.flush();
  }

  @Override
  public void log(byte[] message) {
    log(new String(message, StandardCharsets.UTF_8));
  }
}
