package dev.taskapi.local.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions' standard output and error, each function's in a file of its own, as Lambda sends them to the
 * function's log group ({@code /aws/lambda/<name>}, "Sending Lambda function logs to CloudWatch Logs" in the Lambda
 * developer guide) rather than to the terminal. {@code bin/start} keeps its terminal for the banner and one line
 * per request; what the functions print (their EMF request lines, stack traces, the SLF4J notices of their jars)
 * lands in {@code <logs>/<FunctionLogicalId>.log}.
 *
 * <p>A write belongs to a function when its thread runs with that function's class loader as context class loader,
 * as every Init and invocation does ({@link FunctionCode} names the loader {@code lambda:<name>}).
 */
public final class FunctionLogs extends OutputStream {
  private static final String LOADER_PREFIX = "lambda:";

  private final Path directory;
  private final PrintStream terminal;
  private final Map<String, OutputStream> files = new ConcurrentHashMap<>();

  FunctionLogs(Path directory, PrintStream terminal) {
    this.directory = directory;
    this.terminal = terminal;
  }

  /** Routes System.out and System.err of function threads to files in {@code directory}; the rest stays put. */
  public static void install(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the function log directory " + directory, e);
    }
    System.setOut(new PrintStream(new FunctionLogs(directory, System.out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new FunctionLogs(directory, System.err), true, StandardCharsets.UTF_8));
  }

  /** The file a function's output goes to. */
  public static Path fileOf(Path directory, String functionName) {
    return directory.resolve(functionName + ".log");
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    String function = currentFunction();
    if (function == null) {
      terminal.write(bytes, offset, length);
      terminal.flush();
      return;
    }
    OutputStream file = files.computeIfAbsent(function, this::open);
    synchronized (file) {
      file.write(bytes, offset, length);
    }
  }

  @Override
  public void flush() {
    terminal.flush();
  }

  private OutputStream open(String function) {
    try {
      return Files.newOutputStream(fileOf(directory, function), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the log of " + function, e);
    }
  }

  private static String currentFunction() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String name = loader == null ? null : loader.getName();
    return name != null && name.startsWith(LOADER_PREFIX) ? name.substring(LOADER_PREFIX.length()) : null;
  }
}
