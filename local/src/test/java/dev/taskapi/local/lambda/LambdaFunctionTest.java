package dev.taskapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each function runs from its own code in a class loader of its own, as Lambda loads /var/task: its own static
 * state, only the classes its artifact has, events and answers as JSON.
 */
class LambdaFunctionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TEST_FUNCTIONS = Path.of("test-functions", "target");
  private static LambdaFunctions functions;

  @BeforeAll
  static void load() {
    SamTemplate template = TemplateLoader.load(TestTemplates.testTemplate(), Map.of(), "us-east-1");
    functions = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template));
  }

  @AfterAll
  static void close() {
    functions.close();
  }

  private static InvocationResult invoke(LambdaFunctions in, String function, String event) {
    return in.get(function).invokeJson(event.getBytes(StandardCharsets.UTF_8), "test", Duration.ofSeconds(10));
  }

  private static JsonNode proxyBody(InvocationResult result) throws IOException {
    String payload = assertInstanceOf(InvocationResult.Returned.class, result, result.toString()).payload();
    JsonNode response = JSON.readTree(payload);
    assertEquals(200, response.get("statusCode").asInt(), payload);
    return JSON.readTree(response.get("body").asText());
  }

  @Test
  void twoFunctionsOfTheSameCodeHaveTheirOwnStaticState() throws IOException {
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, proxyBody(invoke(functions, "CounterAFunction", "{}")).get("invocations").asInt());
    }
    assertEquals(1, proxyBody(invoke(functions, "CounterBFunction", "{}")).get("invocations").asInt());
  }

  @Test
  void twoFunctionsOfTheSameCodeEachReadTheirOwnEnvironment() throws IOException {
    // On Lambda each has a process, so an environment, of its own; here they share this JVM. EchoHandler reads
    // core's Environment.current() as it answers, so the first one's second answer comes after the second's Init.
    SamTemplate template = TemplateLoader.parse("""
        Globals:
          Function:
            CodeUri: %s
            Handler: dev.taskapi.local.testhandlers.EchoHandler::handleRequest
        Resources:
          Red:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  COLOUR: red
          Blue:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  COLOUR: blue
        """.formatted(TEST_FUNCTIONS.resolve("function.jar").toAbsolutePath()), Map.of(), "us-east-1");
    try (LambdaFunctions two = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template))) {
      JsonNode red = proxyBody(invoke(two, "Red", "{}")).get("env");
      assertEquals("red", red.get("COLOUR").asText(), red.toString());
      assertEquals("Red", red.get("AWS_LAMBDA_FUNCTION_NAME").asText());
      JsonNode blue = proxyBody(invoke(two, "Blue", "{}")).get("env");
      assertEquals("blue", blue.get("COLOUR").asText(), blue.toString());
      assertEquals("Blue", blue.get("AWS_LAMBDA_FUNCTION_NAME").asText());
      Map<String, String> redAgain =
          JSON.convertValue(proxyBody(invoke(two, "Red", "{}")).get("env"), new TypeReference<>() {});
      assertEquals("red", redAgain.get("COLOUR"), "Red's own value, after Blue's Init too");
      // Not assertEquals: its message would print the function's credentials.
      assertTrue(two.get("Red").environment().equals(redAgain), "exactly Red's environment, nothing else");
    }
  }

  /**
   * As on Lambda, an execution environment serves one invocation at a time: a call while the function's one
   * environment is busy gets a new one (its own class loader, so its own static state, counting from one), and a
   * later call reuses an idle one; past {@link LambdaFunction#MAX_ENVIRONMENTS} busy ones, a call waits for one.
   */
  @Test
  void aConcurrentCallGetsAnEnvironmentOfItsOwnAndALaterOneReusesAnIdleOne() throws Exception {
    SamTemplate template = TemplateLoader.load(TestTemplates.testTemplate(), Map.of(), "us-east-1");
    try (LambdaFunctions own = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template));
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      LambdaFunction counter = own.get("CounterAFunction");
      String slow = "{\"queryStringParameters\":{\"sleepMillis\":\"1500\"}}";
      List<Future<InvocationResult>> busy = new ArrayList<>();
      for (int i = 0; i < LambdaFunction.MAX_ENVIRONMENTS; i++) {
        busy.add(callers.submit(() -> invoke(own, "CounterAFunction", slow)));
        int started = i + 1;
        await(() -> counter.invocations() == started);
      }
      Future<InvocationResult> waiting = callers.submit(() -> invoke(own, "CounterAFunction", "{}"));

      for (Future<InvocationResult> call : busy) {
        assertEquals(1, proxyBody(call.get()).get("invocations").asInt(), "each in an environment of its own");
      }
      assertEquals(2, proxyBody(waiting.get()).get("invocations").asInt(), "waited for one, then reused it");
      assertEquals(LambdaFunction.MAX_ENVIRONMENTS + 1, counter.invocations());
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting");
      Thread.sleep(10);
    }
  }

  @Test
  void aTimedOutFunctionsNextInvocationStartsANewEnvironment() throws IOException {
    assertEquals(1, proxyBody(invoke(functions, "ShortCounterFunction", "{}")).get("invocations").asInt());
    assertEquals(2, proxyBody(invoke(functions, "ShortCounterFunction", "{}")).get("invocations").asInt());
    assertEquals(new InvocationResult.TimedOut(1),
        invoke(functions, "ShortCounterFunction", "{\"queryStringParameters\":{\"sleepMillis\":\"3000\"}}"));
    assertEquals(1, proxyBody(invoke(functions, "ShortCounterFunction", "{}")).get("invocations").asInt(),
        "Lambda reset the environment after the timeout: new static state");
  }

  @Test
  void aSnapStartInitPastItsLimitFailsWithoutARetry() {
    // SnapStart's Init limit is max(130 s, Timeout) (shortened here); past it, the version cannot be published.
    SamTemplate template = TemplateLoader.parse("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: %s
              Handler: dev.taskapi.local.testhandlers.SlowInitHandler::handleRequest
              Timeout: 1
              AutoPublishAlias: live
              SnapStart:
                ApplyOn: PublishedVersions
              Environment:
                Variables:
                  INIT_MILLIS: 2000
        """.formatted(TEST_FUNCTIONS.resolve("function.jar").toAbsolutePath()), Map.of(), "us-east-1");
    LambdaLimits limits = new LambdaLimits(Duration.ofSeconds(10), Duration.ofMillis(300), 6_291_456, 6_291_556);
    try (LambdaFunctions snapStart = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template), limits)) {
      assertEquals("snap-start", snapStart.get("Fn").environment().get("AWS_LAMBDA_INITIALIZATION_TYPE"));
      long started = System.nanoTime();
      Throwable error = assertInstanceOf(InvocationResult.Failed.class, invoke(snapStart, "Fn", "{}")).error();
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      assertTrue(error.getMessage().contains("SnapStart limit"), error.getMessage());
      assertTrue(millis >= 1_000 && millis < 1_900, "stopped at the 1 s Timeout, not retried: " + millis + " ms");
    }
  }

  @Test
  void aClassMissingFromTheFunctionsJarFailsItThoughTheStackHasTheClass() {
    assertSame(ObjectMapper.class, JSON.getClass(), "the local stack has Jackson");
    InvocationResult result = invoke(functions, "NoJacksonFunction", "{}");
    Throwable error = assertInstanceOf(InvocationResult.Failed.class, result, result.toString()).error();
    assertInstanceOf(NoClassDefFoundError.class, error);
    assertEquals("com/fasterxml/jackson/databind/ObjectMapper", error.getMessage());
  }

  @Test
  void theRuntimeOffersTheJdkAndLambdaCoreOnly() throws ClassNotFoundException {
    ClassLoader runtime = RuntimeClassLoader.INSTANCE;
    assertSame(Context.class, runtime.loadClass("com.amazonaws.services.lambda.runtime.Context"));
    assertSame(java.net.http.HttpClient.class, runtime.loadClass("java.net.http.HttpClient"));
    for (String stackClass : new String[] {
        "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent", // aws-lambda-java-events
        "com.fasterxml.jackson.databind.ObjectMapper",
        "org.yaml.snakeyaml.Yaml",
        "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
        "dev.taskapi.local.LocalStack"}) {
      assertThrows(ClassNotFoundException.class, () -> runtime.loadClass(stackClass), stackClass);
    }
  }

  @Test
  void theFunctionModulesAreNotOnTheLocalStacksClasspath() {
    // local/pom.xml depends on them for the build order only; their classes come from their jars alone.
    for (String handler : new String[] {"dev.taskapi.docs.DocsHandler", "dev.taskapi.gettask.GetTaskHandler",
        "dev.taskapi.local.testhandlers.EchoHandler"}) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(handler), handler);
    }
  }

  @Test
  void aStreamHandlerReadsTheEventJsonAndWritesItsAnswer() throws IOException {
    InvocationResult result = invoke(functions, "StreamFunction", "{\"x\":1}");
    assertEquals("eventBytes=7", JSON.readTree(
        assertInstanceOf(InvocationResult.Returned.class, result).payload()).get("body").asText());
  }

  @Test
  void aDirectoryCodeUriIsTheTaskRootWithItsLibJars(@TempDir Path taskRoot) throws Exception {
    // /var/task as Lambda unpacks a zip: the classes at the root, the dependencies in lib/.
    unzip(TEST_FUNCTIONS.resolve("function-without-jackson.jar"), taskRoot);
    String yaml = """
        Resources:
          Echo:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: %s
              Handler: dev.taskapi.local.testhandlers.EchoHandler::handleRequest
        """.formatted(taskRoot.toAbsolutePath());
    SamTemplate template = TemplateLoader.parse(yaml, Map.of(), "us-east-1");
    try (LambdaFunctions withoutLib = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template))) {
      assertInstanceOf(InvocationResult.Failed.class, invoke(withoutLib, "Echo", "{}"));
    }
    Files.createDirectories(taskRoot.resolve("lib"));
    for (Class<?> type : new Class<?>[] {ObjectMapper.class, JsonFactory.class, JsonProperty.class}) {
      Path jar = jarOf(type);
      Files.copy(jar, taskRoot.resolve("lib").resolve(jar.getFileName()));
    }
    try (LambdaFunctions withLib = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template))) {
      assertEquals("Echo", proxyBody(invoke(withLib, "Echo", "{}")).get("functionName").asText());
    }
  }

  @Test
  void aMissingCodeUriFailsTheInvocationAndSaysWhy() {
    SamTemplate template = TemplateLoader.parse("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: does/not/exist.jar
              Handler: a.B::handleRequest
        """, Map.of(), "us-east-1");
    try (LambdaFunctions missing = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template))) {
      Throwable error = assertInstanceOf(InvocationResult.Failed.class, invoke(missing, "Fn", "{}")).error();
      assertTrue(error.getMessage().contains("does not exist: build it first"), error.getMessage());
    }
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static void unzip(Path archive, Path target) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        Path file = target.resolve(entry.getName()).normalize();
        if (entry.isDirectory()) {
          Files.createDirectories(file);
          continue;
        }
        Files.createDirectories(file.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, file);
        }
      }
    }
  }
}
