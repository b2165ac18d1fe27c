package dev.taskapi.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What code writes to standard error: the priming tests' check that a primer met only what it expects. */
public final class StandardError {
  private StandardError() {}

  /** Runs {@code action} with standard error captured, and returns what it wrote there. */
  public static String during(Runnable action) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
