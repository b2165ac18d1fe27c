package dev.taskapi.bench.launch;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * A SnapStart restore, approximated in a fresh JVM: constructs the handler, runs every priming hook the function
 * registered (what Lambda runs before the snapshot; org.crac calls them only in a CRaC JVM, so they are called
 * here directly), then times the next requests, as the first requests after a restore would be served by the
 * classes and JIT state the snapshot holds. What a real restore adds (page faults of the snapshot's memory,
 * reconnecting) is the same whatever the JIT options, so the comparison between options stands.
 *
 * <p>Between priming and the first request it reports what the snapshot would hold, after a full collection (the
 * runtime's Serial GC collects the whole heap on {@code System.gc()}, and Lambda's snapshot is of the memory as
 * it stands): live heap, metaspace, the process's resident memory and the classes loaded. Then the first request's
 * own cost: the classes it still loads, and its time.
 *
 * <p>Usage: {@code PrimedInvoke <handler class> <events> <requests>}, where {@code <events>} is one event file,
 * sent every time, or a directory of {@code <requests>} files sent in name order (for a function whose request
 * consumes its state: a deletion, a one-time token). Prints {@code snapshot heapBytes=H metaspaceBytes=M
 * rssKiB=R classes=C}, {@code first classes=N millis=T}, {@code failed request=I millis=T answer=A} for each
 * request that did not succeed, and {@code latencies <ms,ms,...>} of those that did.
 */
public final class PrimedInvoke {
  private PrimedInvoke() {}

  public static void main(String[] args) throws Exception {
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    List<byte[]> events = events(Path.of(args[1]));
    int requests = Integer.parseInt(args[2]);
    Class<?> priming = Class.forName("dev.taskapi.snapstart.Priming");
    Method registered = priming.getDeclaredMethod("registered");
    registered.setAccessible(true);
    for (Object hook : (List<?>) registered.invoke(null)) {
      ((org.crac.Resource) hook).beforeCheckpoint(null);
    }
    System.out.println(snapshot());
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    StringJoiner latencies = new StringJoiner(",", "latencies ", "");
    for (int i = 0; i < requests; i++) {
      long loadedBefore = classes.getTotalLoadedClassCount();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      long start = System.nanoTime();
      handler.handleRequest(new ByteArrayInputStream(events.get(i % events.size())), output, null);
      double millis = (System.nanoTime() - start) / 1e6;
      if (i == 0) {
        System.out.printf(Locale.ROOT, "first classes=%d millis=%.3f%n",
            classes.getTotalLoadedClassCount() - loadedBefore, millis);
      }
      String answer = output.toString(StandardCharsets.UTF_8);
      if (answer.contains("\"statusCode\"") && !answer.contains("\"statusCode\":2")) {
        // Reported with its answer rather than ending the run: the report lists it, and its time is not a
        // latency of the function's work.
        System.out.printf(Locale.ROOT, "failed request=%d millis=%.0f answer=%s%n", i, millis,
            answer.replace('\n', ' '));
        continue;
      }
      latencies.add(Double.toString(millis));
    }
    System.out.println(latencies);
  }

  /** One event file, or a directory's files in name order. */
  private static List<byte[]> events(Path path) throws java.io.IOException {
    if (!Files.isDirectory(path)) {
      return List.of(Files.readAllBytes(path));
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.sorted().map(file -> {
        try {
          return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  /** What the snapshot would hold now: live heap after a full collection, metaspace, resident memory, classes. */
  private static String snapshot() throws java.io.IOException {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getName().equals("Metaspace")).mapToLong(pool -> pool.getUsage().getUsed())
        .sum();
    return String.format(Locale.ROOT, "snapshot heapBytes=%d metaspaceBytes=%d rssKiB=%d classes=%d", heap,
        metaspace, DirectInvoke.statusKiB("VmRSS:"), ManagementFactory.getClassLoadingMXBean()
            .getTotalLoadedClassCount());
  }
}
