package dev.taskapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's quick run, after package (it launches the packaged function jars), so it cannot rot: every
 * section is written, every function of the template is measured, and every DynamoDB path is one round trip.
 */
class BenchmarksSmokeIT {
  private static final List<String> FUNCTIONS = List.of("AuthorizerFunction", "RegisterFunction", "LoginFunction",
      "CreateTaskFunction", "ListTasksFunction", "DeleteTaskFunction");

  @Test
  void quickRunWritesTheWholeReport(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("BENCHMARKS.md");

    Benchmarks.main(new String[] {"--quick", "--root", "..", "--out", out.toString()});

    String report = Files.readString(out);
    for (String section : List.of("## Machine", "## Deployment artifacts", "## Cold start",
        "## Warm latency and DynamoDB round trips", "## Password hashing", "## Scale", "## Throughput",
        "## Cost per million requests", "## Goals")) {
      assertTrue(report.contains(section), section);
    }
    for (String function : FUNCTIONS) {
      assertTrue(report.contains("| " + function + " | "), function);
    }
    // Warm table: "| Function | p50 | p99 | raw p50 | raw p99 | ratio | trips (max) |"; every DB function 1 (1).
    Matcher warmRow = Pattern.compile("\\| (\\w+Function) \\| [^|]+ \\| [^|]+ \\| ([^|]+) \\| [^|]+ \\| [^|]+ \\| "
        + "(\\d+) \\((\\d+)\\) \\|").matcher(report);
    int rows = 0;
    while (warmRow.find()) {
      rows++;
      if (!warmRow.group(2).trim().equals("-")) {
        assertEquals("1", warmRow.group(4), warmRow.group(1) + " round trips");
      }
    }
    // At least these: functions added to the template with an events/ sample are measured too.
    assertTrue(rows >= FUNCTIONS.size(), "warm rows: " + rows);
  }
}
