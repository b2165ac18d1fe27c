package dev.taskapi.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The JIT options the managed java25 runtime gives a function, from its {@code JAVA_TOOL_OPTIONS}. The Lambda
 * Developer Guide ("Customize Java runtime startup behavior", tiered compilation): "From Java 25, Lambda still
 * stops tiered compilation at level 1 by default, except when using SnapStart or Provisioned concurrency, in which
 * case the default JVM settings are used". A tiered option in {@code JAVA_TOOL_OPTIONS} replaces that default for
 * both kinds of start. The harness's JVMs are plain {@code java}, so this adds the runtime's part.
 */
final class RuntimeJit {
  static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
  /** The JVM's default, spelled out so that the restore table can mark it as a function's own. */
  static final String FULL_TIERED = "-XX:+TieredCompilation";

  private RuntimeJit() {}

  /** Whether {@code javaToolOptions} leaves the JIT to the runtime (sets no tiered-compilation option). */
  static boolean runtimeDefault(String javaToolOptions) {
    return !javaToolOptions.contains("Tiered");
  }

  /** {@code env} as an on-demand cold start runs it: C1 only added when the function leaves the JIT to the runtime. */
  static Map<String, String> onDemand(Map<String, String> env) {
    String options = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
    if (!runtimeDefault(options)) {
      return env;
    }
    Map<String, String> withDefault = new HashMap<>(env);
    withDefault.put("JAVA_TOOL_OPTIONS", (options.isBlank() ? "" : options.strip() + " ") + C1_ONLY);
    return withDefault;
  }

  /** The JIT options a function runs with after a SnapStart restore (or under provisioned concurrency). */
  static String afterRestore(String javaToolOptions) {
    return runtimeDefault(javaToolOptions) ? FULL_TIERED : javaToolOptions;
  }

  /** How the cold-start table names a function's options: the template's, or the runtime's default. */
  static String describe(String javaToolOptions) {
    return runtimeDefault(javaToolOptions)
        ? "none: the runtime's default, " + C1_ONLY + " on demand"
        : javaToolOptions;
  }
}
