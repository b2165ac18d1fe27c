package dev.taskapi.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code dev.taskapi.local.Main} as a separate JVM on the local module's packaged runtime classpath
 * (local/target/classpath.txt), as bin/start runs it. Only for failsafe tests: that file exists after {@code package}.
 */
public final class StackProcess {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** The local module's build output, beside this module (the tests run in system-tests/). */
  private static final Path LOCAL_TARGET = Path.of("..", "local", "target");

  private StackProcess() {}

  /** Starts {@code Main} with {@code args} and the project's template; standard error joins standard output. */
  public static Process launch(String... args) throws IOException {
    String classpath = LOCAL_TARGET.resolve("classes") + File.pathSeparator
        + Files.readString(LOCAL_TARGET.resolve("classpath.txt")).trim();
    List<String> command = new ArrayList<>(List.of(JAVA, "-cp", classpath, "dev.taskapi.local.Main"));
    command.addAll(List.of(args));
    command.addAll(List.of("--template", "../template.yaml"));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** The first output line containing {@code marker}; the rest of the output is drained so the pipe never fills. */
  public static String awaitLine(Process process, String marker, Duration timeout) throws Exception {
    List<String> lines = awaitLines(process, marker, timeout);
    return lines.getLast();
  }

  /** Every line the process printed up to and including the first that contains {@code marker}. */
  public static List<String> awaitLines(Process process, String marker, Duration timeout) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    CompletableFuture<List<String>> found =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = reader.readLine()) != null; ) {
                  seen.add(line);
                  if (line.contains(marker)) {
                    return seen;
                  }
                }
                seen.add("process ended without '" + marker + "'");
              } catch (IOException e) {
                seen.add(e.toString());
              }
              return seen;
            });
    List<String> lines = found.get(timeout.toSeconds(), TimeUnit.SECONDS);
    // Keep draining, so a chatty server never blocks on a full pipe.
    Thread.ofVirtual().start(() -> reader.lines().forEach(l -> {}));
    return lines;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
