package dev.taskapi.security;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything the JVM writes to standard output and error (the local stack's access log, the functions'
 * log lines, dynalite's output) into memory while it is on, and still lets it through to the console.
 */
final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;

  private LogCapture() {
    System.setOut(tee(originalOut));
    System.setErr(tee(originalErr));
  }

  static LogCapture start() {
    return new LogCapture();
  }

  String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private PrintStream tee(PrintStream console) {
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (captured) {
              captured.write(b);
            }
            console.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (captured) {
              captured.write(b, off, len);
            }
            console.write(b, off, len);
          }
        },
        true,
        StandardCharsets.UTF_8);
  }
}
