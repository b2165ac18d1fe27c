package dev.taskapi.launcher;

import static dev.taskapi.launcher.StackProcess.awaitLine;
import static dev.taskapi.launcher.StackProcess.freePort;
import static dev.taskapi.launcher.StackProcess.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.taskapi.testing.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The commands bin/start and bin/invoke run, as separate JVMs on the packaged runtime classpath
 * (local/target/classpath.txt), not the test classpath: a dependency that only tests see would pass every other test
 * and still break {@code bin/start}. Runs after {@code package}, as a failsafe integration test.
 */
class LauncherIT {
  @Test
  void startServesTheApiRefusesABusyPortAndStopsDynaliteOnSigterm() throws Exception {
    Path data = Files.createTempDirectory("taskapi-launcher-");
    int port = freePort();
    Process server = launch("start", "--port", Integer.toString(port), "--data-dir", data.toString());
    try {
      // The banner: where the API listens, then (among the rest) where the local SES endpoint writes mail.
      String banner = String.join("\n", StackProcess.awaitLines(server, "  Mail ", Duration.ofSeconds(90)));
      assertTrue(banner.contains("listening on http://127.0.0.1:" + port), banner);
      assertTrue(banner.contains(data.toAbsolutePath().resolve("mail").toString()), banner);

      HttpResponse<String> registered =
          post(port, "/auth/register", "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"password\":\"" + TestAccounts.PASSWORD + "\"}");
      assertEquals(200, registered.statusCode(), registered.body());

      Process second = launch("start", "--port", Integer.toString(port), "--data-dir", Files.createTempDirectory("x").toString());
      assertTrue(second.waitFor(60, TimeUnit.SECONDS));
      String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(1, second.exitValue(), output);
      assertTrue(output.contains("already in use"), output);
    } finally {
      List<ProcessHandle> children = server.descendants().toList();
      server.destroy(); // SIGTERM, as a service manager or Ctrl-C's neighbour sends
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the stack stops on SIGTERM");
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
        assertTrue(!child.isAlive(), "dynalite stopped with the stack: " + child.info());
      }
    }
  }

  @Test
  void invokePrintsTheHandlersResponseForASampleEvent() throws Exception {
    Path data = Files.createTempDirectory("taskapi-invoke-");
    Process invoke = launch("invoke", "RegisterFunction", "-e", "../events/register.json", "--data-dir", data.toString());
    assertTrue(invoke.waitFor(90, TimeUnit.SECONDS));
    String output = new String(invoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, invoke.exitValue(), output);
    assertTrue(output.contains("\"statusCode\" : 200") || output.contains("\"statusCode\":200"), output);
  }

  private static HttpResponse<String> post(int port, String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
