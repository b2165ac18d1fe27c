package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.testing.EmfSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the whole stack logs while serving real requests: one JSON line per request from every function and the
 * authorizer, each one also the request's CloudWatch metrics (EMF), and never a password, token, hash or key anywhere in the log.
 */
class StructuredLogsTest {
  @Test
  void everyRequestLogsOneJsonLineAndNoSecretReachesTheLog() throws IOException {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    LocalApi local;
    Account ada;
    String secondPassword = "second-pa55word-" + System.nanoTime();
    // The functions' loggers take System.err when the stack starts, so it is swapped before a private stack starts.
    System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
    try {
      local = LocalApi.startPrivate();
      try {
        ApiClient api = local.client();
        ada = api.newAccount();
        api.login(ada.email(), ada.password());
        api.login(ada.email(), secondPassword); // a wrong password: 401, still logged, still no password
        String taskId = api.createTask(ada, Map.of("title", "t")).json().path("task").path("uuid").asText();
        api.listTasks(ada, "?limit=1");
        api.deleteTask(ada, taskId);
        api.send("GET", "/tasks", null, "Authorization", "Bearer " + ada.token() + "x"); // rejected token
      } finally {
        local.close();
      }
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    List<JsonNode> lines = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.startsWith("{")) {
        lines.add(ApiClient.JSON.readTree(line));
      }
    }
    Set<String> functions = new TreeSet<>();
    lines.forEach(line -> functions.add(line.path("function").asText() + " " + line.path("status").asInt()));
    assertEquals(
        Set.of(
            "RegisterFunction 200", "LoginFunction 200", "LoginFunction 401", "CreateTaskFunction 201",
            "ListTasksFunction 200", "DeleteTaskFunction 200", "AuthorizerFunction 200", "AuthorizerFunction 401"),
        functions,
        log);
    // Every request line is also a valid EMF document (EmfSpec cites the specification), counted under a route
    // the template declares, never a raw path with a task id in it.
    Map<String, Integer> businessEvents = new TreeMap<>();
    for (JsonNode line : lines) {
      assertEquals(List.of(), EmfSpec.violations(line), line.toString());
      // The function's own template environment (METRICS_NAMESPACE: TaskApi/${AWS::StackName}), not the JVM's.
      assertEquals("TaskApi/taskapi-local", line.at("/_aws/CloudWatchMetrics/0/Namespace").asText(), line.toString());
      String operation = line.path("Operation").asText();
      assertTrue(
          operation.equals("authorize") || operation.equals(line.path("method").asText() + " " + line.path("route").asText()),
          line.toString());
      assertFalse(operation.contains(ada.id()) || operation.matches(".*[0-9a-f]{8}-.*"), line.toString());
      line.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(metric -> {
        String name = metric.path("Name").asText();
        if (!List.of("Requests", "Latency", "Status4xx", "Status5xx").contains(name)) {
          businessEvents.merge(name, line.path(name).asInt(), Integer::sum);
        }
      });
    }
    assertEquals(
        Map.of("Registrations", 1, "LoginsSucceeded", 1, "LoginsFailed", 1, "TasksCreated", 1, "TasksDeleted", 1),
        businessEvents);
    assertEquals(ada.id(), lines.stream().filter(l -> l.path("function").asText().equals("CreateTaskFunction"))
        .findFirst().orElseThrow().path("user_id").asText());

    byte[] signingKey = local.signingKey();
    List<String> secrets =
        List.of(
            ada.password(),
            secondPassword,
            ada.token(),
            ada.token().split("\\.")[2], // the signature alone
            "$argon2id",
            new String(signingKey, StandardCharsets.UTF_8),
            Base64.getEncoder().encodeToString(signingKey),
            "Bearer");
    for (String secret : secrets) {
      assertFalse(log.contains(secret), "the log holds a secret: " + secret);
    }
  }

  /** Writes everything to both streams: the build output keeps the log, the test reads it. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
