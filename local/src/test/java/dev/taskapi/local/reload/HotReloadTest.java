package dev.taskapi.local.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.LocalStack;
import dev.taskapi.local.LocalStackOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload against a copy of a project (a root POM, the test-functions module with its sources and built jar, a
 * template): a saved handler source changes the answers of the running stack, a compile error is reported while
 * the last good code keeps answering, and a saved template's new route is served, all by the same stack process.
 */
class HotReloadTest {
  private static final Path TEST_FUNCTIONS = Path.of("test-functions").toAbsolutePath();
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir Path project;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aSavedHandlerIsServedByTheSameStackAndACompileErrorLeavesTheOldCodeServing() throws Exception {
    Path handler = copyProject().resolve(
        "test-functions/src/main/java/dev/taskapi/local/testhandlers/EchoHandler.java");
    try (HotReload reload = HotReload.start(options(), new PrintStream(output, true, StandardCharsets.UTF_8))) {
      LocalStack stack = reload.stack();
      URI echo = stack.baseUri().resolve("/echo");
      assertEquals("one", singleHeader(echo));

      long saved = System.nanoTime();
      edit(handler, "\"X-Single\", \"one\"", "\"X-Single\", \"two\"");
      await(() -> "two".equals(singleHeader(echo)), "the edited handler's answer");
      System.out.printf("Hot reload answered with the new code %d ms after the save%n",
          (System.nanoTime() - saved) / 1_000_000);
      assertSame(stack, reload.stack(), "the same stack, not a restart");
      assertTrue(output().contains("EchoFunction"), output());

      edit(handler, "\"X-Single\", \"two\"", "\"X-Single\", \"three\" +");
      await(() -> output().contains("does not compile"), "the compile error report");
      assertTrue(output().contains("EchoHandler.java:"), output());
      assertEquals("two", singleHeader(echo), "the last good code keeps serving");

      Path template = project.resolve("template.yaml");
      edit(template, "Path: /echo\n", "Path: /echo\n" + route("Again", "/echo-again"));
      await(() -> reload.stack() != stack && reload.stack() != null, "the stack rebuilt from the saved template");
      URI again = reload.stack().baseUri().resolve("/echo-again");
      assertEquals(stack.baseUri(), reload.stack().baseUri(), "on the same address");
      assertEquals("two", singleHeader(again), "the new route, with the reloaded classes");
    }
  }

  private LocalStackOptions options() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("DYNAMODB_ENDPOINT");
    return LocalStackOptions.defaults()
        .withTemplate(project.resolve("template.yaml"))
        .withDataDir(project.resolve(".data"))
        .withPort(0)
        .withEnvironment(environment);
  }

  /** The module's POM, sources and built jar, under a root POM naming it, with a one-function template. */
  private Path copyProject() throws IOException {
    Path module = project.resolve("test-functions");
    copyTree(TEST_FUNCTIONS.resolve("src"), module.resolve("src"));
    Files.copy(TEST_FUNCTIONS.resolve("pom.xml"), module.resolve("pom.xml"));
    Files.createDirectories(module.resolve("target"));
    Files.copy(TEST_FUNCTIONS.resolve("target/function.jar"), module.resolve("target/function.jar"));
    Files.writeString(project.resolve("pom.xml"), """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.taskapi</groupId>
          <artifactId>copy</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <modules>
            <module>test-functions</module>
          </modules>
        </project>
        """);
    Files.writeString(project.resolve("template.yaml"), """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: test
          EchoFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              CodeUri: test-functions/target/function.jar
              Handler: dev.taskapi.local.testhandlers.EchoHandler::handleRequest
              MemorySize: 256
              Timeout: 10
              Events:
        """ + route("Echo", "/echo"));
    return project;
  }

  private static String route(String name, String path) {
    return """
                %s:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Api
                    Method: get
                    Path: %s
        """.formatted(name, path);
  }

  private String singleHeader(URI uri) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.headers().firstValue("X-Single").orElse(null)
          : "status " + response.statusCode();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No " + what + " within " + WITHIN + "; hot reload said:\n" + output());
      }
      Thread.sleep(100);
    }
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " has no " + from);
    Files.writeString(file, text.replace(from, to));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
