package dev.taskapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.e2e.LocalApi;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in soak: {@code -Dtaskapi.soak.seconds=60} runs mixed traffic (create, list, delete, login) from 8 clients
 * against one local stack for that long, and reports requests, errors, p50/p99 latency and the heap before and
 * after. Zero errors is asserted; so is a heap that does not keep what the traffic made.
 */
@EnabledIfSystemProperty(named = "taskapi.soak.seconds", matches = "\\d+")
class SoakTest {
  private static final int CLIENTS = Integer.getInteger("taskapi.soak.clients", 8);

  @Test
  void mixedTrafficFromEightClientsWithoutErrorsOrHeapGrowth() throws Exception {
    Duration length = Duration.ofSeconds(Long.getLong("taskapi.soak.seconds"));
    LocalApi stack = LocalApi.startPrivate();
    try {
      ApiClient api = stack.client();
      List<Account> accounts = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        accounts.add(api.newAccount());
      }
      runTraffic(api, accounts, Duration.ofSeconds(5)); // warm up: JIT, connections, dynalite
      long heapBefore = usedHeapAfterGc();
      List<Result> results = runTraffic(api, accounts, length);
      long heapAfter = usedHeapAfterGc();

      List<Long> latencies = new ArrayList<>();
      long errors = 0;
      for (Result result : results) {
        latencies.addAll(result.latenciesMicros());
        errors += result.errors().size();
      }
      Collections.sort(latencies);
      System.out.printf(
          "Soak: %d clients for %d s: %d requests (%.0f/s), %d errors, p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
              + " heap after GC %d MB before, %d MB after%n",
          CLIENTS, length.toSeconds(), latencies.size(), latencies.size() / (double) length.toSeconds(), errors,
          percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0, latencies.getLast() / 1000.0,
          heapBefore >> 20, heapAfter >> 20);
      assertEquals(List.of(), results.stream().flatMap(r -> r.errors().stream()).limit(10).toList());
      assertTrue(heapAfter < heapBefore * 2 + (64L << 20), "the heap kept growing");
    } finally {
      stack.close();
    }
  }

  private record Result(List<Long> latenciesMicros, List<String> errors) {}

  private static List<Result> runTraffic(ApiClient api, List<Account> accounts, Duration length) throws Exception {
    long end = System.nanoTime() + length.toNanos();
    List<Future<Result>> clients = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(accounts.size())) {
      for (Account account : accounts) {
        clients.add(pool.submit(() -> client(api, account, end)));
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> client : clients) {
        results.add(client.get());
      }
      return results;
    }
  }

  /** One client's loop: mostly creates and lists, some deletes of its own tasks, a few logins. */
  private static Result client(ApiClient api, Account account, long end) {
    Random random = new Random(account.id().hashCode());
    List<Long> latencies = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> own = new ArrayList<>();
    while (System.nanoTime() < end) {
      int roll = random.nextInt(100);
      long start = System.nanoTime();
      try {
        Response response;
        int expected;
        if (roll < 45) {
          response = api.createTask(account, Map.of("title", "soak " + roll, "description", "x".repeat(roll * 10)));
          expected = 201;
          own.add(response.json().path("task").path("uuid").asText());
        } else if (roll < 85) {
          response = api.listTasks(account, "?limit=" + (1 + roll));
          expected = 200;
        } else if (roll < 97 && !own.isEmpty()) {
          response = api.deleteTask(account, own.removeLast());
          expected = 200;
        } else {
          response = api.login(account.email(), account.password());
          expected = 200;
        }
        if (response.status() != expected) {
          errors.add(response.status() + " " + response.text());
        }
      } catch (RuntimeException e) {
        errors.add(e.toString());
      }
      latencies.add((System.nanoTime() - start) / 1000);
    }
    return new Result(latencies, errors);
  }

  private static long percentile(List<Long> sorted, int percentile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
