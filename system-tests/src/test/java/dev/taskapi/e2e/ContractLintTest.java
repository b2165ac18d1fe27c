package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml as third-party tools see it: Spectral's {@code spectral:oas} ruleset and Redocly's {@code recommended}
 * rules report no problem at all, not even a warning or hint. Both linters are the versions system-tests/package.json
 * pins (installed by the build's npm ci).
 */
class ContractLintTest {
  private static final Path NODE_MODULES =
      Path.of(System.getProperty("taskapi.lintModules", "node_modules")).toAbsolutePath();
  private static final Path CONTRACT = Path.of("..", "openapi.yaml").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void spectralOasReportsNothing() throws Exception {
    Path ruleset = Files.createTempFile("spectral-", ".yaml");
    Path report = Files.createTempFile("spectral-report-", ".json");
    Files.writeString(ruleset, "extends: [\"spectral:oas\"]\n");
    // --fail-severity=hint: any finding at all, not only an error, makes the run fail.
    Run run = lint("spectral", "lint", "--ruleset", ruleset.toString(), "--format", "json", "--output",
        report.toString(), "--fail-severity", "hint", CONTRACT.toString());
    JsonNode findings = JSON.readTree(Files.readString(report));
    assertTrue(findings.isArray() && findings.isEmpty(), "Spectral findings: " + findings.toPrettyString());
    assertEquals(0, run.exitCode(), run.output());
  }

  @Test
  void redoclyRecommendedReportsNothing() throws Exception {
    Run run = lint("redocly", "lint", "--extends=recommended", "--format=json", CONTRACT.toString());
    JsonNode result = JSON.readTree(run.stdout());
    assertEquals(JSON.readTree("{\"errors\":0,\"warnings\":0,\"ignored\":0}"), result.get("totals"),
        "Redocly problems: " + result.get("problems").toPrettyString());
    assertEquals(0, run.exitCode(), run.output());
  }

  private record Run(int exitCode, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }
  }

  private static Run lint(String tool, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(NODE_MODULES.resolve(".bin").resolve(tool).toString());
    command.addAll(List.of(arguments));
    Path stdout = Files.createTempFile(tool, ".out");
    Path stderr = Files.createTempFile(tool, ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    // Redocly CLI sends usage telemetry unless told not to, and checks npm for a newer version.
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(tool + " did not finish within 2 minutes");
    }
    return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
