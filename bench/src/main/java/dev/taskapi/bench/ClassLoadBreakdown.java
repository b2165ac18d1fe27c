package dev.taskapi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cold start (b) spends its time: the classes the JVM loads ({@code -Xlog:class+load} with JVM uptime in
 * nanoseconds) split by phase and by the library that owns them. Phases: runtime start (JVM start to the first
 * class from the function's task root, the handler, which the runtime client loads first), handler init (to the
 * runtime's first {@code invocation/next}: the constructor, the SDK client build), first request (to the posted
 * response).
 * The phase ends come from {@link RuntimeApiStub} on the parent's clock, taken from process start; the JVM's
 * uptime starts a few milliseconds after it, so boundaries are that close.
 */
record ClassLoadBreakdown(List<Phase> phases) {
  /** Owners, in the order the report's columns give them; the first prefix that matches names the owner. */
  static final Map<String, List<String>> OWNERS = owners();

  /** What the JDK's InnerClassLambdaMetafactory puts in a lambda class's name, after its host class's. */
  static final String LAMBDA_CLASS = "$$Lambda";

  private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns] (\\S+) source: (.*)$");

  /**
   * One phase: how long it took, how many classes each owner loaded in it, and how many of them are lambda classes:
   * the hidden classes {@code LambdaMetafactory} spins, one per lambda or method reference on first use (named
   * {@code Host$$Lambda/0x...}, counted under their host class's owner too). Generated at run time, no archive or
   * jar holds them, so each costs a class spin besides its load.
   */
  record Phase(String name, double millis, Map<String, Integer> classesByOwner, int lambdaClasses) {
    int classes() {
      return classesByOwner.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private static Map<String, List<String>> owners() {
    Map<String, List<String>> owners = new LinkedHashMap<>();
    owners.put("JDK", List.of("java.", "javax.", "jdk.", "sun.", "com.sun."));
    owners.put("Runtime client", List.of("com.amazonaws.services.lambda.runtime.api.client.",
        "com.amazonaws.services.lambda.crac.", "com.amazonaws.services.lambda.runtime.LambdaRuntime"));
    owners.put("Runtime serializer", List.of("com.amazonaws.services.lambda.runtime.serialization.",
        "com.amazonaws.lambda.thirdparty."));
    owners.put("Events + Joda", List.of("com.amazonaws.services.lambda.runtime.events.", "org.joda."));
    owners.put("Lambda core", List.of("com.amazonaws.services.lambda.runtime."));
    owners.put("Jackson", List.of("com.fasterxml.jackson."));
    owners.put("AWS SDK", List.of("software.amazon."));
    owners.put("Ours", List.of("dev.taskapi."));
    owners.put("Other", List.of(""));
    return owners;
  }

  static String ownerOf(String className) {
    for (Map.Entry<String, List<String>> owner : OWNERS.entrySet()) {
      for (String prefix : owner.getValue()) {
        if (className.startsWith(prefix)) {
          return owner.getKey();
        }
      }
    }
    throw new AssertionError("the last owner matches every class");
  }

  /**
   * Reads {@code log} (written with {@code -Xlog:class+load=info:file=<log>:uptimenanos}); {@code taskRoot} is the
   * directory the function was extracted into, {@code initDoneMillis} and {@code answeredMillis} the phase ends
   * from process start.
   */
  static ClassLoadBreakdown parse(Path log, Path taskRoot, double initDoneMillis, double answeredMillis) {
    // The runtime client's class loader names the directory "file:<task root>/" and a jar in it
    // "file:<task root>/lib/<name>.jar" (CustomerClassLoader.newURL); the JVM logs that URL as the source.
    String functionSource = "file:" + taskRoot + "/";
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double handlerLoadedMillis = Double.NaN;
    List<Map<String, Integer>> counts = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    int[] lambdas = new int[3];
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      double at = Long.parseLong(m.group(1)) / 1e6;
      if (Double.isNaN(handlerLoadedMillis) && m.group(3).startsWith(functionSource)) {
        handlerLoadedMillis = at;
      }
      int phase = Double.isNaN(handlerLoadedMillis) ? 0 : at < initDoneMillis ? 1 : 2;
      counts.get(phase).merge(ownerOf(m.group(2)), 1, Integer::sum);
      if (m.group(2).contains(LAMBDA_CLASS)) {
        lambdas[phase]++;
      }
    }
    if (Double.isNaN(handlerLoadedMillis)) {
      throw new IllegalStateException("no class from " + functionSource + " in " + log);
    }
    List<Phase> phases = new ArrayList<>();
    phases.add(new Phase("Runtime start", handlerLoadedMillis, counts.get(0), lambdas[0]));
    phases.add(new Phase("Handler init", initDoneMillis - handlerLoadedMillis, counts.get(1), lambdas[1]));
    phases.add(new Phase("First request", answeredMillis - initDoneMillis, counts.get(2), lambdas[2]));
    return new ClassLoadBreakdown(List.copyOf(phases));
  }
}
