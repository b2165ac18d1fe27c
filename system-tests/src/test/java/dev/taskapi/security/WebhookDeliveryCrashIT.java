package dev.taskapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.launcher.StackProcess;
import dev.taskapi.webhooks.testing.LoopbackReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the local stack (a separate JVM, as bin/start runs it) while the deliverer is in the middle of a batch
 * of webhook deliveries: after a restart on the same data, every event of every acknowledged write reaches the
 * receiver, under the id it had before the crash. What was in flight comes back from the SQS queue (ElasticMQ's
 * files) after its visibility timeout, what was not yet published from the stream (dynalite's records, the
 * mapping's checkpoint), as on AWS after a crash of the function or of Lambda's poller.
 */
class WebhookDeliveryCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TASKS = 12;

  @Test
  void deliveriesInFlightWhenTheStackIsKilledArriveAfterItsRestart() throws Exception {
    Path data = Files.createTempDirectory("taskapi-webhook-crash-");
    Map<String, Set<String>> idsByTask = new ConcurrentHashMap<>();
    AtomicBoolean slow = new AtomicBoolean(true);
    String[] secret = new String[1];
    LoopbackReceiver receiver = LoopbackReceiver.start(delivery -> {
      try {
        new Webhook(secret[0]).verify(delivery.body(), delivery.headers());
        String task = JSON.readTree(delivery.body()).path("data").path("uuid").asText();
        idsByTask.computeIfAbsent(task, t -> ConcurrentHashMap.newKeySet())
            .add(delivery.headers().get("webhook-id").getFirst());
        if (slow.get()) {
          Thread.sleep(3000); // the batch is still being delivered when the kill comes
        }
        return 204;
      } catch (Exception e) {
        return 401;
      }
    });
    Running stack = start(data);
    Map<String, String> acknowledged = new LinkedHashMap<>();
    try {
      Account ada = stack.api().newAccount();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("url", receiver.url("127.0.0.1"));
      body.put("events", java.util.List.of("task.created"));
      Response webhook = stack.api().send("POST", "/webhooks", ApiClient.json(body), "Authorization", ada.bearer());
      assertEquals(201, webhook.status(), webhook.text());
      secret[0] = webhook.json().path("secret").asText();
      for (int i = 0; i < TASKS; i++) {
        Response created = stack.api().createTask(ada, Map.of("title", "crash " + i, "description", ""));
        assertEquals(201, created.status(), created.text());
        acknowledged.put(created.json().path("task").path("uuid").asText(), "crash " + i);
      }
      await("the first deliveries", Duration.ofSeconds(60), () -> !idsByTask.isEmpty());
    } finally {
      stack.process().destroyForcibly(); // SIGKILL: mid-batch, no shutdown hook
      assertTrue(stack.process().waitFor(30, TimeUnit.SECONDS));
    }
    int beforeRestart = idsByTask.size();
    slow.set(false);

    Running restarted = start(data);
    try {
      // In-flight messages come back after the queue's visibility timeout (120 s), the rest at once.
      await("every acknowledged task's event", Duration.ofSeconds(240),
          () -> idsByTask.keySet().containsAll(acknowledged.keySet()));
      for (Map.Entry<String, Set<String>> task : idsByTask.entrySet()) {
        assertEquals(1, task.getValue().size(), "one id per event, before and after the crash: " + task);
      }
      System.out.println("Webhook crash: kill -9 with " + beforeRestart + " of " + TASKS
          + " events delivered or in delivery; after restart all " + TASKS + " arrived, each under one id");
    } finally {
      restarted.process().destroy();
      restarted.process().waitFor(30, TimeUnit.SECONDS);
      receiver.close();
    }
  }

  private static void await(String what, Duration patience, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + patience + ": " + what);
      }
      Thread.sleep(200);
    }
  }

  private record Running(Process process, ApiClient api) {}

  private static Running start(Path data) throws Exception {
    Process process = StackProcess.launch("start", "--port", Integer.toString(StackProcess.freePort()), "--data-dir",
        data.toString(), "--no-reload", "--parameter-overrides", "WafRateRules=Disabled",
        "WebhookRetrySchedule=PT1S,PT1S,PT1S");
    String banner = StackProcess.awaitLine(process, "listening on", Duration.ofSeconds(120));
    assertTrue(banner.contains("Task API listening on"), banner);
    return new Running(process, new ApiClient(URI.create(banner.replaceAll(".*listening on (http://\\S+).*", "$1"))));
  }
}
