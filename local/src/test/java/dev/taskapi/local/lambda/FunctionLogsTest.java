package dev.taskapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionLogsTest {
  @TempDir Path logs;

  @Test
  void aFunctionThreadsLinesGoToItsOwnFileAndTheStacksToTheTerminal() throws Exception {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream routed = new PrintStream(
        new FunctionLogs(logs, new PrintStream(terminal, true, StandardCharsets.UTF_8)), true, StandardCharsets.UTF_8);
    Thread function = Thread.ofPlatform().unstarted(() -> routed.println("SLF4J: from the function"));
    try (URLClassLoader loader = new URLClassLoader("lambda:EchoFunction", new URL[0], null)) {
      function.setContextClassLoader(loader);
      function.start();
      function.join();
    }
    routed.println("GET /tasks -> 200 (3 ms)");

    assertEquals("SLF4J: from the function" + System.lineSeparator(),
        Files.readString(FunctionLogs.fileOf(logs, "EchoFunction")));
    String shown = terminal.toString(StandardCharsets.UTF_8);
    assertEquals("GET /tasks -> 200 (3 ms)" + System.lineSeparator(), shown);
    assertFalse(shown.contains("SLF4J"));
  }
}
