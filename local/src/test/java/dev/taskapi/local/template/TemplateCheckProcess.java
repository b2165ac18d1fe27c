package dev.taskapi.local.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external template checker (a Node or Python script under src/test) with the template as JSON on its
 * standard input, and collects the lines it prints: one per error, by the scripts' convention.
 */
record TemplateCheckProcess(int exitCode, List<String> lines, String log) {
  /** The scripts' exit status for "the tool this check needs is not installed". */
  static final int TOOL_MISSING = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  static TemplateCheckProcess run(Map<String, Object> template, String... command) {
    try {
      Process process = new ProcessBuilder(command).start();
      try (OutputStream stdin = process.getOutputStream()) {
        JSON.writeValue(stdin, template);
      }
      // Standard error is read on its own thread, so neither pipe fills while the other is read.
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String out = readAll(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
      }
      return new TemplateCheckProcess(process.exitValue(), out.lines().toList(), out + stderr.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readAll(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
