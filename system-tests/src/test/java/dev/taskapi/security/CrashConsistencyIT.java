package dev.taskapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.launcher.StackProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the local stack (a separate JVM, as bin/start runs it) in the middle of a burst of creates from 8
 * clients; after a restart on the same data, every task that got a 201 is listed with every field as sent, and
 * every listed task is whole.
 */
class CrashConsistencyIT {
  private static final int CLIENTS = 8;

  @Test
  void everyAcknowledgedCreateSurvivesAKill9MidBurst() throws Exception {
    Path data = Files.createTempDirectory("taskapi-crash-");
    Running stack = start(data);
    ApiClient api = stack.api();
    Account account = api.newAccount();

    Map<String, String> acknowledged = new ConcurrentHashMap<>(); // task id -> title sent
    Set<String> sent = ConcurrentHashMap.newKeySet();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger failuresAfterKill = new AtomicInteger();
    try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.submit(() -> {
          for (int i = 0; ; i++) {
            String title = "burst " + client + "-" + i;
            sent.add(title);
            try {
              Response created = api.createTask(account, Map.of("title", title, "description", "d" + i));
              if (created.status() == 201) {
                acknowledged.put(created.json().path("task").path("uuid").asText(), title);
              }
            } catch (RuntimeException e) {
              if (killed.get()) {
                failuresAfterKill.incrementAndGet();
                return;
              }
              throw e;
            }
          }
        });
      }
      while (acknowledged.size() < 200) {
        Thread.sleep(10);
      }
      List<ProcessHandle> children = stack.process().descendants().toList();
      killed.set(true);
      stack.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush, mid-request
      assertTrue(stack.process().waitFor(30, TimeUnit.SECONDS));
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS); // dynalite follows its parent (its stdin closes)
      }
    }
    int acknowledgedBeforeKill = acknowledged.size();

    Running restarted = start(data);
    try {
      ApiClient again = restarted.api();
      Map<String, JsonNode> listed = new HashMap<>();
      String query = "?limit=1000";
      while (query != null) {
        Response page = again.listTasks(account, query);
        assertEquals(200, page.status(), page.text());
        page.json().path("tasks").forEach(task -> listed.put(task.path("uuid").asText(), task));
        JsonNode next = page.json().path("next_cursor");
        query = next.isNull() ? null : "?limit=1000&cursor=" + next.asText();
      }
      for (var ack : acknowledged.entrySet()) {
        JsonNode task = listed.get(ack.getKey());
        assertTrue(task != null, "an acknowledged task was lost: " + ack.getKey());
        assertEquals(ack.getValue(), task.path("title").asText());
      }
      for (JsonNode task : listed.values()) {
        assertTrue(sent.contains(task.path("title").asText()), "a task nobody sent: " + task);
        assertEquals(account.id(), task.path("user_id").asText());
        assertFalse(task.path("created_at").asText().isEmpty(), "half-written: " + task);
        assertTrue(task.path("description").asText().startsWith("d"), "half-written: " + task);
      }
      System.out.println("Crash consistency: kill -9 after " + acknowledgedBeforeKill + " acknowledged creates from "
          + CLIENTS + " clients (" + failuresAfterKill.get() + " in flight failed); after restart " + listed.size()
          + " listed, all " + acknowledgedBeforeKill + " acknowledged among them, none partial");
    } finally {
      restarted.process().destroy();
      restarted.process().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private record Running(Process process, ApiClient api) {}

  private static Running start(Path data) throws Exception {
    // Its writers are one client IP sending as fast as they can: not a test of the per-client WAF rule.
    Process process = StackProcess.launch("start", "--port", Integer.toString(StackProcess.freePort()), "--data-dir",
        data.toString(), "--parameter-overrides", "WafRateRules=Disabled");
    String banner = StackProcess.awaitLine(process, "listening on", Duration.ofSeconds(90));
    assertTrue(banner.contains("Task API listening on"), banner);
    return new Running(process, new ApiClient(URI.create(banner.replaceAll(".*listening on (http://\\S+).*", "$1"))));
  }
}
