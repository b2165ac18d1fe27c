package dev.taskapi.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Requests per second that {@code clients} concurrent closed-loop clients complete in a fixed time. */
final class Throughput {
  private Throughput() {}

  /** One request; returns normally only when it succeeded. */
  interface Call {
    void run() throws Exception;
  }

  /**
   * Requests per second over {@code time}, after as long unmeasured: {@code clients} concurrent calls get as many
   * execution environments of a function (the local runtime's, as Lambda's), each with its own cold start, which
   * the warm-up pays, so the measured part is the steady state.
   */
  static double perSecond(int clients, Duration time, Call call) throws Exception {
    closedLoops(clients, time, call);
    return closedLoops(clients, time, call);
  }

  private static double closedLoops(int clients, Duration time, Call call) throws Exception {
    long deadline = System.nanoTime() + time.toNanos();
    List<Callable<Long>> loops = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      loops.add(() -> {
        long done = 0;
        while (System.nanoTime() < deadline) {
          call.run();
          done++;
        }
        return done;
      });
    }
    long start = System.nanoTime();
    long total = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (Future<Long> loop : pool.invokeAll(loops)) {
        total += loop.get();
      }
    }
    return total / ((System.nanoTime() - start) / 1e9);
  }

  /** A GET through the local API that must answer 200. */
  static Call get(HttpClient http, URI uri, String bearer) {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer).GET().build();
    return () -> {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
      }
    };
  }
}
