package dev.taskapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task-root layout, through the real runtime client: a child JVM started as {@link ColdStart} (b) starts it
 * loads the handler from the extracted directory, and aws-lambda-java-core from the runtime's class path even
 * though the package holds its own copy.
 */
class TaskRootTest {
  private static final String HANDLER = "dev/taskapi/bench/launch/HelloHandler.class";
  private static final String CORE_CLASS = "com/amazonaws/services/lambda/runtime/RequestHandler.class";

  @Test
  void extractsTheDeploymentPackageIntoTheDirectory(@TempDir Path dir) throws IOException {
    Path jar = functionJar(dir);

    Path root = TaskRoot.extract(jar, dir.resolve("task"));

    assertEquals(dir.resolve("task").toRealPath(), root);
    assertTrue(Files.isRegularFile(root.resolve(HANDLER)));
    assertTrue(Files.isRegularFile(root.resolve(CORE_CLASS)));
  }

  @Test
  void refusesAnEntryOutsideTheTaskRoot(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("evil.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry("../outside.class"));
      zip.write(1);
    }

    assertThrows(IllegalArgumentException.class, () -> TaskRoot.extract(jar, dir.resolve("task")));
    assertFalse(Files.exists(dir.resolve("outside.class")));
  }

  @Test
  void theHelloWorldHoldsItsHandlerAtTheTopAndItsLibraryInLib(@TempDir Path dir) throws IOException {
    Path launchJar = jar(dir.resolve("bench-launch.jar"),
        List.of(HANDLER, "dev/taskapi/bench/launch/DirectInvoke.class"));
    Path core = Files.writeString(dir.resolve("aws-lambda-java-core-1.4.0.jar"), "a jar");

    Path root = TaskRoot.helloWorld(launchJar, List.of(core), dir.resolve("hello"));

    assertTrue(Files.isRegularFile(root.resolve(HANDLER)));
    assertFalse(Files.exists(root.resolve("dev/taskapi/bench/launch/DirectInvoke.class")), "only the hello world");
    assertEquals("a jar", Files.readString(root.resolve("lib/aws-lambda-java-core-1.4.0.jar")));
  }

  @Test
  void theRuntimeClientLoadsTheHandlerFromTheDirectoryAndLambdaCoreFromItsOwnClassPath(@TempDir Path dir)
      throws IOException {
    Path root = TaskRoot.extract(functionJar(dir), dir.resolve("task"));
    ColdStart cold = new ColdStart(Path.of(System.getProperty("java.home")),
        new ColdStart.Classpaths("", runtimeClasspath(), ""), dir);

    ClassLoadBreakdown breakdown = cold.breakdown("hello", root, "dev.taskapi.bench.launch.HelloHandler::handleRequest",
        "{}".getBytes(StandardCharsets.UTF_8), Map.of());

    Map<String, String> sources = sources(dir.resolve("class-load-hello.log"));
    assertEquals("file:" + root + "/", sources.get("dev.taskapi.bench.launch.HelloHandler"));
    String core = sources.get("com.amazonaws.services.lambda.runtime.RequestHandler");
    assertTrue(core.matches("file:.*/aws-lambda-java-core-[^/]+\\.jar"), core);
    assertEquals(1, breakdown.phases().get(1).classesByOwner().get("Ours"), "the handler, in handler init");
  }

  /** The runtime's class path from this test's: the runtime client, its serialization jar, aws-lambda-java-core. */
  private static String runtimeClasspath() {
    return Stream.of(System.getProperty("java.class.path").split(":"))
        .filter(entry -> entry.matches(".*/aws-lambda-java-(runtime-interface-client|serialization|core)-[^/]+\\.jar"))
        .collect(Collectors.joining(":"));
  }

  /** A deployment package like ours: the handler and its own copy of aws-lambda-java-core. */
  private static Path functionJar(Path dir) throws IOException {
    return jar(dir.resolve("function.jar"), List.of(HANDLER, CORE_CLASS));
  }

  private static Path jar(Path jar, List<String> classes) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : classes) {
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = TaskRootTest.class.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(zip);
        }
      }
    }
    return jar;
  }

  /** Class name to its {@code source:} in a {@code -Xlog:class+load} log. */
  private static Map<String, String> sources(Path log) throws IOException {
    Pattern line = Pattern.compile("^\\[\\d+ns] (\\S+) source: (.*)$");
    return Files.readAllLines(log).stream().map(line::matcher).filter(Matcher::matches)
        .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (first, second) -> first));
  }
}
