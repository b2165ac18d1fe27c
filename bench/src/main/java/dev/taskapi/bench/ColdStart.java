package dev.taskapi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh-JVM cold starts, timed from process start to the first response: (a) the handler called by a minimal
 * main ({@code DirectInvoke}); (b) the handler run by the official Lambda runtime interface client polling
 * {@link RuntimeApiStub}, from the function's {@link TaskRoot} as on AWS. Each JVM gets the function's environment,
 * including the template's JAVA_TOOL_OPTIONS, and the runtime's own options ({@link RuntimeJvmOptions}).
 */
final class ColdStart {
  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String DIRECT_MAIN = "dev.taskapi.bench.launch.DirectInvoke";
  static final String HELLO = "dev.taskapi.bench.launch.HelloHandler";
  static final String PRIMED_MAIN = "dev.taskapi.bench.launch.PrimedInvoke";
  private static final long TIMEOUT_SECONDS = 60;
  /** DirectInvoke's response line prefix (the launch jar's class is not on this JVM's compile path by name). */
  private static final String RESPONSE_PREFIX = "response ";
  private static final Pattern STATUS_CODE = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

  /**
   * One fresh JVM's cold start; {@code initMillis}: when (b)'s runtime finished Init (-1 for (a)); {@code cpuMillis}:
   * the CPU time the JVM had used when it answered (-1 where the OS does not say), which a loaded machine stretches
   * far less than the wall time, and which a function with less than one vCPU pays as wall time.
   */
  record Sample(double millis, int classesLoaded, long peakRssKiB, double initMillis, long cpuMillis) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.0f ms (%d ms CPU)", millis, cpuMillis);
    }
  }

  private final Path java;
  private final Classpaths classpaths;
  private final Path workDir;
  private Path helloTaskRoot;

  /**
   * The jars each kind of launch needs, all from the harness's own resolved classpath; {@code runtimeClient}: what
   * the runtime puts on the class path (the runtime client with aws-lambda-java-core and its serialization jar).
   */
  record Classpaths(String launchJar, String runtimeClient, String helloDependencies) {}

  ColdStart(Path javaHome, Classpaths classpaths, Path workDir) {
    this.java = javaHome.resolve("bin/java");
    this.classpaths = classpaths;
    this.workDir = workDir.toAbsolutePath(); // the (b) JVMs run in their task roots, and log here
  }

  /** (a): {@code handlerClass} from {@code artifact} (null: the hello-world baseline) called once by a main. */
  Sample direct(String artifact, String handlerClass, Path event, Map<String, String> env, List<String> jvmArgs) {
    String classpath = artifact == null
        ? classpaths.launchJar() + ":" + classpaths.helloDependencies()
        : artifact + ":" + classpaths.launchJar();
    List<String> command = command(env, jvmArgs, classpath, DIRECT_MAIN, artifact == null ? HELLO : handlerClass,
        event.toString());
    return run(command, env, null, null);
  }

  /**
   * (b): {@code handler} ({@code Class::method}) from {@code taskRoot} (an extracted deployment package; null: the
   * hello world's) under the RIC, started in that directory with only the runtime's jars on the class path.
   */
  Sample runtime(Path taskRoot, String handler, byte[] event, Map<String, String> env, List<String> jvmArgs) {
    Path root = taskRoot == null ? helloTaskRoot() : taskRoot;
    String handlerName = taskRoot == null ? HELLO + "::handleRequest" : handler;
    try (RuntimeApiStub stub = new RuntimeApiStub(event)) {
      List<String> command = command(env, jvmArgs, classpaths.runtimeClient(), RIC_MAIN, handlerName);
      Map<String, String> withApi = new java.util.HashMap<>(env);
      withApi.put("AWS_LAMBDA_RUNTIME_API", stub.address());
      withApi.put("_HANDLER", handlerName);
      // "The path to your Lambda function code" (Developer Guide, "Defined runtime environment variables"): the
      // local stack's in-process functions say /var/task; here the code is in this directory.
      withApi.put("LAMBDA_TASK_ROOT", root.toString());
      // An on-demand cold start: told "snap-start", the client would report Init done and wait on
      // /runtime/restore/next for a snapshot restore, which is not what this measures (nor what the stub serves).
      withApi.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
      return run(command, withApi, stub, root);
    }
  }

  /**
   * (b) for {@code taskRoot} once more, with class loading logged: where its cold start goes. The log stays in the
   * work directory as {@code class-load-<name>.log}, to read class by class.
   */
  ClassLoadBreakdown breakdown(String name, Path taskRoot, String handler, byte[] event, Map<String, String> env) {
    Path log = workDir.resolve("class-load-" + name + ".log");
    Sample sample = runtime(taskRoot, handler, event, env,
        List.of("-Xlog:class+load=info:file=" + log + ":uptimenanos"));
    return ClassLoadBreakdown.parse(log, taskRoot, sample.initMillis(), sample.millis());
  }

  /**
   * The hello-world baseline's task root, laid out once per work directory: its handler and the one library a
   * {@code RequestHandler} needs, aws-lambda-java-core (the Jackson jars beside it here are (a)'s launcher's).
   */
  private Path helloTaskRoot() {
    if (helloTaskRoot == null) {
      List<Path> dependencies = Arrays.stream(classpaths.helloDependencies().split(":"))
          .map(Path::of).filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-core")).toList();
      helloTaskRoot = TaskRoot.helloWorld(Path.of(classpaths.launchJar()), dependencies,
          workDir.resolve("task").resolve("hello"));
    }
    return helloTaskRoot;
  }

  /**
   * One approximated SnapStart restore ({@code PrimedInvoke}): what priming left for the snapshot, after a full
   * collection (live heap, metaspace, resident memory, classes loaded), and what the first request still loaded
   * and took; {@code latencies}: every successful request's, the first included, in milliseconds; {@code
   * failures}: each failed request's line (its index, time and answer), then what the function logged of
   * exceptions, which says why.
   */
  record Restore(long heapBytes, long metaspaceBytes, long rssKiB, int snapshotClasses, int firstRequestClasses,
      double firstRequestMillis, List<Double> latencies, List<String> failures) {}

  /**
   * The first {@code requests} requests after an approximated SnapStart restore ({@code PrimedInvoke}: handler
   * built and primed, then timed), in a fresh JVM with {@code env} (its JAVA_TOOL_OPTIONS); {@code events}: one
   * event file, or a directory of one per request.
   */
  Restore afterPriming(String artifact, String handlerClass, Path events, Map<String, String> env, int requests) {
    List<String> command = command(env, List.of(), artifact + ":" + classpaths.launchJar(), PRIMED_MAIN,
        handlerClass, events.toString(), Integer.toString(requests));
    Path stderr = workDir.resolve("primed.stderr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = null;
    try {
      process = builder.start();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        Map<String, String> snapshot = Map.of();
        Map<String, String> first = Map.of();
        List<String> failures = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("snapshot ")) {
            snapshot = fields(line);
          } else if (line.startsWith("first ")) {
            first = fields(line);
          } else if (line.startsWith("failed ")) {
            failures.add(line.substring("failed ".length()));
          } else if (line.startsWith("latencies ")) {
            List<Double> millis = new ArrayList<>();
            String values = line.substring("latencies ".length());
            for (String value : values.isEmpty() ? new String[0] : values.split(",")) {
              millis.add(Double.parseDouble(value));
            }
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS); // its stderr complete
            if (!failures.isEmpty()) {
              failures.addAll(loggedExceptions(stderr));
            }
            return new Restore(Long.parseLong(snapshot.get("heapBytes")),
                Long.parseLong(snapshot.get("metaspaceBytes")), Long.parseLong(snapshot.get("rssKiB")),
                Integer.parseInt(snapshot.get("classes")), Integer.parseInt(first.get("classes")),
                Double.parseDouble(first.get("millis")), millis, failures);
          }
        }
      }
      throw failure(command, stderr, "no latencies");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      stop(process);
    }
  }

  /** A launcher's {@code word key=value key=value} line as a map. */
  private static Map<String, String> fields(String line) {
    Map<String, String> fields = new java.util.HashMap<>();
    for (String field : line.substring(line.indexOf(' ') + 1).split(" ")) {
      fields.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
    }
    return fields;
  }

  /** {@code java}, the runtime's options for {@code env}, {@code jvmArgs}, the class path, the main and its args. */
  private List<String> command(Map<String, String> env, List<String> jvmArgs, String classpath, String main,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(RuntimeJvmOptions.forEnvironment(env));
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code command} in {@code directory} (null: this JVM's), timed to its response. */
  private Sample run(List<String> command, Map<String, String> env, RuntimeApiStub stub, Path directory) {
    Path stderr = workDir.resolve("cold-start.stderr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile())
        .directory(directory == null ? null : directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    if (stub != null) {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process process = null;
    try {
      long start = System.nanoTime();
      process = builder.start();
      long answered;
      double initMillis = -1;
      int classes = -1;
      long peakRss = -1;
      if (stub == null) {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String response = out.readLine();
          while (response != null && !response.startsWith(RESPONSE_PREFIX)) {
            response = out.readLine(); // the handler's own log lines
          }
          answered = System.nanoTime();
          requireSuccess(command, stderr, response);
          String footprint = out.readLine(); // "classes=N peakRssKiB=M"
          while (footprint != null && !footprint.startsWith("classes=")) {
            footprint = out.readLine();
          }
          if (footprint != null && footprint.startsWith("classes=")) {
            String[] fields = footprint.split("[ =]");
            classes = Integer.parseInt(fields[1]);
            peakRss = Long.parseLong(fields[3]);
          }
        }
      } else {
        try {
          answered = stub.answered().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          initMillis = (stub.initDoneAtNanos() - start) / 1e6;
          requireSuccess(command, stderr, stub.answer().startsWith("response ") ? stub.answer()
              : "{\"errorMessage\":" + stub.answer() + "}");
        } catch (ExecutionException | TimeoutException e) {
          throw failure(command, stderr, e.toString());
        }
      }
      long cpu = process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
      return new Sample((answered - start) / 1e6, classes, peakRss, initMillis, cpu);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      stop(process);
    }
  }

  /** SIGTERM, so a JVM writing an AOT cache (-XX:AOTCacheOutput) finishes it on exit. */
  private static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A cold start is only measured on the success path: an error or a non-2xx would time something else. */
  private static void requireSuccess(List<String> command, Path stderr, String response) {
    if (response == null || response.contains("\"errorMessage\"")) {
      throw failure(command, stderr, "no successful response (" + response + ")");
    }
    // An API function's answer: only 2xx is the path being measured (a 401 or 404 would time a refusal).
    Matcher status = STATUS_CODE.matcher(response);
    if (status.find() && !status.group(1).startsWith("2")) {
      throw failure(command, stderr, "no successful response (" + response + ")");
    }
  }

  /** The lines of a JVM's stderr that name an exception or a warning: what a failed request's cause looks like. */
  private static List<String> loggedExceptions(Path stderr) throws IOException {
    return Files.readAllLines(stderr).stream()
        .filter(line -> line.contains("Exception") || line.startsWith("WARN") || line.contains("\"status\":5"))
        .limit(20)
        .toList();
  }

  private static IllegalStateException failure(List<String> command, Path stderr, String what) {
    String tail;
    try {
      List<String> lines = Files.readAllLines(stderr);
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      tail = "(no stderr: " + e + ")";
    }
    return new IllegalStateException(what + " from " + String.join(" ", command) + "\n" + tail);
  }
}
