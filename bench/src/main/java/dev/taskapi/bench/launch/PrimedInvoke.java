package dev.taskapi.bench.launch;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * A SnapStart restore, approximated in a fresh JVM: constructs the handler, runs every priming hook the function
 * registered (what Lambda runs before the snapshot; org.crac calls them only in a CRaC JVM, so they are called
 * here directly), then times the next requests, each the same event, as the first requests after a restore would
 * be served by the JIT state the snapshot holds. What a real restore adds (page faults of the snapshot's memory,
 * reconnecting) is the same whatever the JIT options, so the comparison between options stands.
 *
 * <p>Usage: {@code PrimedInvoke <handler class> <event file> <requests>}; prints {@code latencies <ms,ms,...>}.
 */
public final class PrimedInvoke {
  private PrimedInvoke() {}

  public static void main(String[] args) throws Exception {
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    int requests = Integer.parseInt(args[2]);
    Class<?> priming = Class.forName("dev.taskapi.snapstart.Priming");
    Method registered = priming.getDeclaredMethod("registered");
    registered.setAccessible(true);
    for (Object hook : (List<?>) registered.invoke(null)) {
      ((org.crac.Resource) hook).beforeCheckpoint(null);
    }
    StringJoiner latencies = new StringJoiner(",", "latencies ", "");
    for (int i = 0; i < requests; i++) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      long start = System.nanoTime();
      handler.handleRequest(new ByteArrayInputStream(event), output, null);
      latencies.add(Double.toString((System.nanoTime() - start) / 1e6));
      String answer = output.toString(StandardCharsets.UTF_8);
      if (answer.contains("\"statusCode\"") && !answer.contains("\"statusCode\":2")) {
        throw new IllegalStateException("request " + i + " did not succeed: " + answer);
      }
    }
    System.out.println(latencies);
  }
}
