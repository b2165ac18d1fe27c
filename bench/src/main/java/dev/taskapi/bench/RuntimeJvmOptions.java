package dev.taskapi.bench;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The options the managed java25 runtime starts a function's JVM with besides its JIT default ({@link RuntimeJit}),
 * on the runtime's own command line; {@link ColdStart} adds them to every JVM that stands for a Lambda start.
 *
 * <p>The garbage collector: the Lambda Developer Guide, "Customize Java runtime startup behavior for Lambda
 * functions" (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html, example "Customizing GC
 * behavior using JAVA_TOOL_OPTIONS"): the Java 11 runtime uses the Serial GC, the Java 17 runtime also uses it by
 * default, and JAVA_TOOL_OPTIONS can choose another. The page names no other collector for a later runtime, and the
 * JVM would pick Serial there by itself: it takes G1 only on a "server class machine", at least 2 processors and
 * 2 GB less 256 MB of memory (OpenJDK {@code os::is_server_class_machine}), and a function below 1,769 MB has less
 * than one vCPU (Developer Guide, "Configure Lambda function memory"). This machine has 2 cores and 24 GiB, where
 * the JVM's own choice is G1, so the runtime's collector is named here.
 *
 * <p>Left out: a heap size from the memory setting, {@code -Xshare}, {@code -Djava.net.preferIPv4Stack=true}.
 * Those appear only in third-party dumps of the runtime's command line, not in AWS's documentation or in AWS's
 * open-source runtime client, which starts from a JVM it is given (docs/benchmarks.md says more).
 */
final class RuntimeJvmOptions {
  static final String SERIAL_GC = "-XX:+UseSerialGC";
  /** The options that select a collector (HotSpot's product collectors and Epsilon). */
  private static final Pattern SELECTS_GC =
      Pattern.compile("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC\\b");

  private RuntimeJvmOptions() {}

  /** Whether {@code javaToolOptions} chooses the collector itself. */
  static boolean selectsGc(String javaToolOptions) {
    return SELECTS_GC.matcher(javaToolOptions).find();
  }

  /**
   * The runtime's options for a JVM started with {@code env}: the Serial GC unless its JAVA_TOOL_OPTIONS selects a
   * collector. Only then: the JVM reads JAVA_TOOL_OPTIONS before the command line, and two selected collectors
   * stop it at start-up ("Multiple garbage collectors selected") where on Lambda the function's choice wins.
   */
  static List<String> forEnvironment(Map<String, String> env) {
    return selectsGc(env.getOrDefault("JAVA_TOOL_OPTIONS", "")) ? List.of() : List.of(SERIAL_GC);
  }
}
