package dev.taskapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole stack over real HTTP: dynalite, tables, secrets endpoint, gateway and handlers. */
class LocalStackTest {
  @TempDir Path dataDir;

  private LocalStackOptions options() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.remove("DYNAMODB_ENDPOINT");
    return LocalStackOptions.defaults()
        .withTemplate(TestTemplates.testTemplate())
        .withDataDir(dataDir)
        .withPort(0)
        .withEnvironment(env);
  }

  private static HttpResponse<String> send(HttpClient http, URI base, String method, String path, String body)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void dataAndSecretsSurviveARestartOnTheSameDataDir() throws Exception {
    String fingerprint;
    try (HttpClient http = HttpClient.newHttpClient()) {
      try (LocalStack stack = LocalStack.start(options())) {
        URI base = stack.baseUri();
        assertTrue(base.getPort() > 0);
        assertEquals(204, send(http, base, "PUT", "/store/k1", "remembered").statusCode());
        HttpResponse<String> read = send(http, base, "GET", "/store/k1", null);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals("{\"value\":\"remembered\"}", read.body());
        assertEquals(404, send(http, base, "GET", "/store/other", null).statusCode());
        HttpResponse<String> secret = send(http, base, "GET", "/secret-fingerprint", null);
        assertEquals(200, secret.statusCode(), secret.body());
        fingerprint = secret.body();
        assertEquals(404, send(http, base, "GET", "/no/such/route", null).statusCode());
        assertTrue(stack.routes().stream().anyMatch(r -> r.contains("/store/{key}")));
      }
      try (LocalStack stack = LocalStack.start(options())) {
        HttpResponse<String> read = send(http, stack.baseUri(), "GET", "/store/k1", null);
        assertEquals("{\"value\":\"remembered\"}", read.body());
        assertEquals(fingerprint, send(http, stack.baseUri(), "GET", "/secret-fingerprint", null).body());
        assertEquals(64, new ObjectMapper().readTree(fingerprint).get("sha256").asText().length());
      }
    }
  }

  @Test
  void aShellVariableDoesNotReachTheFunctions() throws Exception {
    // Main passes the process environment as LocalStackOptions.environment: what the shell exported.
    Map<String, String> shell = new java.util.HashMap<>(options().environment());
    shell.put("EXPORTED_IN_THE_SHELL", "leaked");
    shell.put("TABLE_NAME", "from-the-shell");
    try (HttpClient http = HttpClient.newHttpClient();
        LocalStack stack = LocalStack.start(options().withEnvironment(shell))) {
      HttpResponse<String> echo = send(http, stack.baseUri(), "POST", "/public", "{}");
      assertEquals(200, echo.statusCode(), echo.body());
      var env = new ObjectMapper().readTree(echo.body()).get("env");
      assertFalse(env.has("EXPORTED_IN_THE_SHELL"), env.toString());
      assertFalse(env.has("HOME") || env.has("USER") || env.has("JAVA_HOME"), env.toString());
      assertEquals("ItemsTable", env.get("TABLE_NAME").asText(), "the template's value, not the shell's");
      // The functions reach DynamoDB through the local IAM endpoint, never the backend itself.
      assertEquals(stack.runtime().lambdaEnvironment().dynamoDbEndpoint().toString(),
          env.get("DYNAMODB_ENDPOINT").asText());
      assertNotEquals(stack.dynamoDbEndpoint().toString(), env.get("DYNAMODB_ENDPOINT").asText());
    }
  }

  @Test
  void busyApiPortIsABindException() {
    try (LocalStack first = LocalStack.start(options())) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> LocalStack.start(options().withPort(first.port()).withDataDir(dataDir.resolve("second"))));
      assertTrue(e.getCause() instanceof BindException);
    }
  }
}
