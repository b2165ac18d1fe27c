package dev.taskapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void parsesStartOptions() {
    Main.Arguments arguments = Main.Arguments.parse(new String[] {"start", "--port", "0", "--host", "0.0.0.0",
        "--data-dir", "/tmp/x", "--template", "t.yaml", "--parameter-overrides", "A=1", "B=two=2",
        "ParameterKey=C,ParameterValue=3"});
    assertEquals("start", arguments.command());
    assertEquals(0, arguments.options().port());
    assertEquals("0.0.0.0", arguments.options().host());
    assertEquals(Path.of("/tmp/x"), arguments.options().dataDir());
    assertEquals(Path.of("t.yaml"), arguments.options().template());
    assertEquals(Map.of("A", "1", "B", "two=2", "C", "3"), arguments.options().parameterOverrides());
    assertThrows(Main.UsageException.class, () -> Main.Arguments.parse(new String[] {"start", "--port", "x"}));
    assertThrows(Main.UsageException.class, () -> Main.Arguments.parse(new String[] {"start", "--bogus"}));
  }

  @Test
  void portInUseIsAOneLineErrorAndExitCode1() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int status = run("start", "--port", Integer.toString(busy.getLocalPort()), "--template",
          TestTemplates.testTemplate().toString(), "--data-dir", dir.toString());
      assertEquals(1, status);
      String message = err.toString(StandardCharsets.UTF_8);
      assertTrue(message.contains("is already in use"), message);
      assertTrue(!message.contains("\tat "), message);
    }
  }

  @Test
  void invokeRunsOneFunctionWithAnEventFile() throws Exception {
    Path event = dir.resolve("event.json");
    Files.writeString(event, """
        {"resource": "/public", "path": "/public", "httpMethod": "POST", "body": "hi",
         "requestContext": {"stage": "test"}, "someFieldLambdaDoesNotKnow": 1}
        """);
    int status = run("invoke", "EchoFunction", "-e", event.toString(), "--template",
        TestTemplates.testTemplate().toString(), "--data-dir", dir.resolve("data").toString());
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    JsonNode response = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertEquals(200, response.get("statusCode").asInt());
    JsonNode body = new ObjectMapper().readTree(response.get("body").asText());
    assertEquals("hi", body.get("event").get("body").asText());
    assertTrue(body.get("env").get("DYNAMODB_ENDPOINT").asText().startsWith("http://127.0.0.1:"));
  }

  @Test
  void unknownFunctionIsAClearError() throws Exception {
    Path event = dir.resolve("event.json");
    Files.writeString(event, "{}");
    int status = run("invoke", "NoSuchFunction", "-e", event.toString(), "--template",
        TestTemplates.testTemplate().toString(), "--data-dir", dir.resolve("data").toString());
    assertEquals(1, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("NoSuchFunction"));
  }
}
