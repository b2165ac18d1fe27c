package dev.taskapi.local.eventsource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.dynamo.LocalTables;
import dev.taskapi.local.iam.SignedJsonRequests;
import dev.taskapi.local.lambda.FunctionCredentials;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB event source mapping end to end: the template's table with its stream in dynalite, the mapping's
 * reads signed with the function's credentials and authorized by the local IAM endpoint, and the test function
 * (StreamRecordHandler) invoked through the local Lambda runtime, as "Using AWS Lambda with Amazon DynamoDB" (Lambda
 * Developer Guide) describes it.
 */
class DynamoDbEventSourceMappingTest {
  private static final Path TEMPLATE = Path.of("src", "test", "resources", "stream-template.yaml");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path data;
  private Path log;
  private LocalRuntime runtime;

  @BeforeEach
  void start() throws IOException {
    log = Files.createTempFile(data.getParent(), "stream-log", ".txt");
    System.setProperty("taskapi.test.streamLog", log.toString());
    runtime = start(data);
  }

  @AfterEach
  void stop() {
    runtime.close();
    System.clearProperty("taskapi.test.streamLog");
  }

  @Test
  void aBatchArrivesInStreamOrderWithoutTheRecordsTheFilterDrops() throws Exception {
    try (DynamoDbClient dynamo = admin()) {
      put(dynamo, "a", "ok");
      put(dynamo, "skip", "ok");
      put(dynamo, "b", "ok");
      dynamo.deleteItem(r -> r.tableName("stream-events").key(Map.of("pk", AttributeValue.fromS("a"))));
    }
    List<String> received = await(lines -> lines.stream().anyMatch(l -> l.contains("REMOVE:a")));
    assertEquals(List.of("INSERT:a:true", "INSERT:b:true", "REMOVE:a:true"), entries(received),
        "in order, with eventSourceARN, without the filtered key");
  }

  @Test
  void aFailingBatchIsRetriedThenGivenUpToTheOnFailureDestinationAndTheStreamGoesOn() throws Exception {
    try (DynamoDbClient dynamo = admin()) {
      put(dynamo, "broken", "fail");
      List<String> received = await(lines -> lines.size() >= 3);
      assertEquals(List.of("INSERT:broken:true", "INSERT:broken:true", "INSERT:broken:true"), received.subList(0, 3),
          "the first invocation and MaximumRetryAttempts (2) retries");
      put(dynamo, "next", "ok");
      await(lines -> lines.contains("INSERT:next:true"));
    }
    Path failures = data.resolve("event-source-mappings").resolve("on-failure");
    try (Stream<Path> files = Files.list(failures)) {
      List<Path> written = files.toList();
      assertEquals(1, written.size());
      JsonNode record = new ObjectMapper().readTree(written.getFirst().toFile());
      assertEquals("RetryAttemptsExhausted", record.path("requestContext").path("condition").asText());
      assertEquals(1, record.path("DDBStreamBatchInfo").path("batchSize").asInt());
      assertEquals("arn:aws:sqs:us-east-1:123456789012:stream-failures", record.path("destination").asText());
    }
  }

  @Test
  void aReportedItemFailureResumesTheBatchFromThatRecord() throws Exception {
    try (DynamoDbClient dynamo = admin()) {
      put(dynamo, "p1", "ok");
      put(dynamo, "p2", "fail-once");
      put(dynamo, "p3", "ok");
    }
    List<String> received = await(lines -> lines.size() >= 2);
    assertEquals(List.of("INSERT:p1:true,INSERT:p2:true,INSERT:p3:true", "INSERT:p2:true,INSERT:p3:true"), received,
        "one batch (the batching window), then from the failed record on");
  }

  @Test
  void aRestartResumesAfterTheCheckpoint() throws Exception {
    try (DynamoDbClient dynamo = admin()) {
      put(dynamo, "before", "ok");
    }
    await(lines -> lines.contains("INSERT:before:true"));
    runtime.close();
    runtime = start(data);
    try (DynamoDbClient dynamo = admin()) {
      put(dynamo, "after", "ok");
    }
    List<String> received = await(lines -> lines.contains("INSERT:after:true"));
    assertEquals(List.of("INSERT:before:true", "INSERT:after:true"), received, "nothing delivered twice");
  }

  @Test
  void onlyARoleWithTheStreamGrantsReadsTheStream() throws Exception {
    String streamArn = runtime.template().function("RecorderFunction").environment().get("STREAM_ARN");
    JsonNode allowed = call("RecorderFunction", "DescribeStream", "{\"StreamArn\":\"" + streamArn + "\"}");
    assertEquals("ENABLED", allowed.path("StreamDescription").path("StreamStatus").asText(), allowed.toString());

    JsonNode denied = call("PlainFunction", "DescribeStream", "{\"StreamArn\":\"" + streamArn + "\"}");
    assertTrue(denied.path("__type").asText().endsWith("#AccessDeniedException"), denied.toString());
    assertTrue(denied.path("Message").asText().contains("dynamodb:DescribeStream"), denied.toString());
    JsonNode list = call("PlainFunction", "ListStreams", "{}");
    assertTrue(list.path("__type").asText().endsWith("#AccessDeniedException"), list.toString());
  }

  private LocalRuntime start(Path dataDir) {
    return LocalRuntime.start(LocalStackOptions.defaults().withTemplate(TEMPLATE).withDataDir(dataDir)
        .withEnvironment(Map.of("PATH", System.getenv("PATH"))));
  }

  private DynamoDbClient admin() {
    return LocalTables.client(runtime.dynamoDbEndpoint(), runtime.template().region(), runtime.backendCredentials());
  }

  private static void put(DynamoDbClient dynamo, String pk, String mode) {
    dynamo.putItem(r -> r.tableName("stream-events")
        .item(Map.of("pk", AttributeValue.fromS(pk), "mode", AttributeValue.fromS(mode))));
  }

  /** A Streams call signed with the function's own credentials, to the endpoint the functions use. */
  private JsonNode call(String function, String action, String body) throws Exception {
    FunctionCredentials credentials = runtime.lambdaEnvironment().credentials().get(function);
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(SignedJsonRequests.post(runtime.lambdaEnvironment().dynamoDbEndpoint(),
          "DynamoDBStreams_20120810." + action, body.getBytes(StandardCharsets.UTF_8),
          AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
              credentials.sessionToken()), "dynamodb", runtime.template().region(), Duration.ofSeconds(10)),
          HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(response.body());
    }
  }

  /** The invocation lines once {@code done} holds for them, a second more to show any extra invocation. */
  private List<String> await(Predicate<List<String>> done) throws Exception {
    Instant end = Instant.now().plus(WAIT);
    while (!done.test(Files.readAllLines(log))) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("not delivered within " + WAIT + ": " + Files.readAllLines(log));
      }
      Thread.sleep(100);
    }
    Thread.sleep(1_000);
    return Files.readAllLines(log);
  }

  private static List<String> entries(List<String> lines) {
    return lines.stream().flatMap(l -> Stream.of(l.split(","))).toList();
  }
}
