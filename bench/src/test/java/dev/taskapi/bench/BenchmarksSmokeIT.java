package dev.taskapi.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's quick run, after package (it launches the packaged function jars), so it cannot rot: every
 * section is written, every function of the template is measured against real state (each run answers
 * success), and every DynamoDB path makes exactly its documented number of round trips.
 */
class BenchmarksSmokeIT {
  private static final List<String> FUNCTIONS = List.of("AuthorizerFunction", "RegisterFunction", "LoginFunction",
      "CreateTaskFunction", "ListTasksFunction", "DeleteTaskFunction", "GetTaskFunction", "UpdateTaskFunction",
      "MoveTaskFunction", "SyncFunction",
      "GetAccountFunction", "DeleteAccountFunction", "ChangePasswordFunction", "RefreshFunction", "LogoutFunction",
      "PasswordResetFunction", "PasswordResetConfirmFunction", "CreateListFunction", "ListListsFunction",
      "GetListFunction", "UpdateListFunction", "DeleteListFunction", "CreateWebhookFunction", "ListWebhooksFunction",
      "DeleteWebhookFunction", "TestWebhookFunction", "PublishWebhookEventsFunction", "DeliverWebhookFunction",
      "ScheduleRemindersFunction", "FireReminderFunction");

  @Test
  void quickRunWritesTheWholeReport(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("BENCHMARKS.md");

    Benchmarks.main(new String[] {"--quick", "--root", "..", "--out", out.toString()});

    String report = Files.readString(out);
    for (String section : List.of("## Machine", "## Deployment artifacts", "## Cold start",
        "## Warm latency and DynamoDB round trips", "## Password hashing", "## Scale", "## Queries over", "## GET /sync over",
        "## Webhook events", "## Throughput", "## Cost per million requests", "## Goals")) {
      assertTrue(report.contains(section), section);
    }
    for (String function : FUNCTIONS) {
      assertTrue(report.contains("| " + function + " | "), function);
    }
    assertTrue(Pattern.compile("\\| SDK floor \\| [0-9.,]+ \\| [0-9.,]+ \\| [0-9.]+x \\|")
        .matcher(report).find(), "the SDK floor's (b) against the hello world");
    // Issue 25: every function's restore side, as production starts it (from its SnapStart snapshot).
    int restoreStart = report.indexOf("## After a SnapStart restore\n");
    assertTrue(restoreStart >= 0, "restore section");
    String restores = report.substring(restoreStart, report.indexOf("\n## ", restoreStart + 1));
    for (String function : FUNCTIONS) {
      Matcher restoreRow = Pattern.compile("\\| " + function + " \\| `[^`]*` \\| ([0-9.]+) \\| ([0-9.]+) \\| "
          + "[0-9.]+ \\| (\\d+) \\| (\\d+) \\|").matcher(restores);
      assertTrue(restoreRow.find(), function + " restore row");
      assertTrue(Double.parseDouble(restoreRow.group(1)) > 0 && Double.parseDouble(restoreRow.group(2)) > 0,
          function + " snapshot heap and metaspace");
      assertTrue(Integer.parseInt(restoreRow.group(3)) > Integer.parseInt(restoreRow.group(4)),
          function + ": priming loads most of what a request needs");
    }
    // Warm table: "| Function | p50 | p99 | event JSON p50 | raw p50 | raw p99 | ratio | trips (max) | documented |":
    // every function's measured round trips, median and maximum, are exactly the documented count, and every
    // function has a raw-call baseline: all of them call DynamoDB (the authorizer included) but the reminders'
    // scheduler, whose calls are Scheduler's, replayed the same way.
    Matcher warmRow = Pattern.compile("\\| (\\w+Function) \\| [^|]+ \\| [^|]+ \\| [^|]+ \\| ([^|]+) \\| [^|]+ "
        + "\\| [^|]+ \\| (\\d+) \\((\\d+)\\) \\| (\\d+) \\|").matcher(report);
    int rows = 0;
    while (warmRow.find()) {
      rows++;
      String function = warmRow.group(1);
      int documented = Integer.parseInt(warmRow.group(5));
      // A write may also resend its transaction once for a stale change-log counter (ExpectedRoundTrips).
      Set<Integer> allowed =
          ExpectedRoundTrips.STALE_COUNTER_RESEND.contains(function)
              ? Set.of(documented, documented + 1)
              : Set.of(documented);
      assertTrue(allowed.contains(Integer.parseInt(warmRow.group(3))),
          function + " round trips (median) " + warmRow.group(3) + " against the documented " + allowed);
      assertTrue(allowed.contains(Integer.parseInt(warmRow.group(4))),
          function + " round trips (max) " + warmRow.group(4) + " against the documented " + allowed);
      assertTrue(documented >= 1 || function.equals("ScheduleRemindersFunction"), function + " touches DynamoDB");
      assertTrue(!warmRow.group(2).trim().equals("-"), function + " has a raw-call baseline");
    }
    // At least these: functions added to the template with an events/ sample are measured too.
    assertTrue(rows >= FUNCTIONS.size(), "warm rows: " + rows);
    // The cost section names the authorizer cache the template sets (AuthorizerCacheTtlSeconds' default).
    assertTrue(report.contains("cached for 60 s per token (the template's `ReauthorizeEvery`)"), "authorizer TTL");
  }
}
