package dev.taskapi.upgradetaskindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.taskapi.store.dynamodb.PositionKeyBackfill;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The custom resource protocol of the backfill ("Custom resource request objects" and "Custom resource response
 * objects", CloudFormation User Guide), over a ResponseURL served here, with a fake backfill of numbered pages.
 */
class UpgradeTaskIndexHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UpgradeTaskIndexHandler.Pacing PACING =
      new UpgradeTaskIndexHandler.Pacing(10, Duration.ofSeconds(60), Duration.ofSeconds(3000));

  private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
  private final List<byte[]> relayed = new ArrayList<>();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T12:00:00Z"));
  private HttpServer responseUrl;

  @BeforeEach
  void serveTheResponseUrl() throws IOException {
    responseUrl = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    responseUrl.createContext("/", exchange -> {
      try (exchange) {
        assertEquals("PUT", exchange.getRequestMethod());
        assertEquals("", exchange.getRequestHeaders().getFirst("Content-Type"), "an empty Content-Type");
        answers.add(JSON.readTree(exchange.getRequestBody()));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    responseUrl.start();
  }

  @AfterEach
  void stop() {
    responseUrl.stop(0);
  }

  @Test
  void aCreateRunsEveryPageAndAnswersSuccessWithTheRequestsIds() throws IOException {
    List<Optional<String>> cursors = new ArrayList<>();
    UpgradeTaskIndexHandler handler = handler((cursor, limit) -> {
      cursors.add(cursor);
      int page = cursor.map(Integer::parseInt).orElse(0);
      return new PositionKeyBackfill(limit, 2, page < 2 ? Optional.of(String.valueOf(page + 1)) : Optional.empty());
    });

    invoke(handler, request("Create"), 600_000);

    assertEquals(List.of(Optional.empty(), Optional.of("1"), Optional.of("2")), cursors);
    JsonNode answer = answers.getFirst();
    assertEquals("SUCCESS", answer.path("Status").asText());
    assertTrue(answer.path("Reason").asText().contains("6 task items"), answer.toString());
    assertEquals("TaskIndexBackfill", answer.path("PhysicalResourceId").asText());
    assertEquals("request-1", answer.path("RequestId").asText());
    assertEquals("arn:aws:cloudformation:us-east-1:123456789012:stack/s/1", answer.path("StackId").asText());
    assertEquals("TaskIndexBackfill", answer.path("LogicalResourceId").asText());
    assertEquals(1, answers.size());
  }

  @Test
  void nearItsTimeoutItHandsTheRestOverAndOnlyTheLastInvocationAnswers() throws IOException {
    UpgradeTaskIndexHandler handler = handler((cursor, limit) -> {
      int page = cursor.map(Integer::parseInt).orElse(0);
      return new PositionKeyBackfill(limit, 1, page < 3 ? Optional.of(String.valueOf(page + 1)) : Optional.empty());
    });

    invoke(handler, request("Update"), 30_000); // under the 60 s hand-over margin: one page, then hand over

    assertEquals(List.of(), answers, "no answer yet");
    assertEquals(1, relayed.size());
    JsonNode next = JSON.readTree(relayed.getFirst());
    assertEquals("1", next.path(UpgradeTaskIndexHandler.CONTINUATION).path("Cursor").asText());
    assertEquals(1, next.path(UpgradeTaskIndexHandler.CONTINUATION).path("Written").asLong());

    invoke(handler, (ObjectNode) next, 600_000);

    assertEquals("SUCCESS", answers.getFirst().path("Status").asText());
    assertTrue(answers.getFirst().path("Reason").asText().contains("4 task items"), answers.toString());
  }

  @Test
  void pastItsAnswerTimeItAnswersSuccessOnceAndGoesOn() throws IOException {
    UpgradeTaskIndexHandler handler = handler((cursor, limit) -> {
      clock.advance(Duration.ofSeconds(2000));
      int page = cursor.map(Integer::parseInt).orElse(0);
      return new PositionKeyBackfill(limit, 1, page < 3 ? Optional.of(String.valueOf(page + 1)) : Optional.empty());
    });

    invoke(handler, request("Create"), 600_000);

    assertEquals(1, answers.size(), "one answer: " + answers);
    assertEquals("SUCCESS", answers.getFirst().path("Status").asText());
    assertTrue(answers.getFirst().path("Reason").asText().contains("continues"), answers.toString());
  }

  @Test
  void anErrorIsAnsweredFailedWithItsReasonAndCounted() throws IOException {
    UpgradeTaskIndexHandler handler = handler((cursor, limit) -> {
      throw new IllegalStateException("the table is gone");
    });
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream standardOut = System.out;
    System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      invoke(handler, request("Create"), 600_000);
    } finally {
      System.setOut(standardOut);
    }

    assertEquals("FAILED", answers.getFirst().path("Status").asText());
    assertTrue(answers.getFirst().path("Reason").asText().contains("the table is gone"), answers.toString());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("\"" + UpgradeTaskIndexHandler.FAILED_METRIC + "\":1"),
        "the EMF count: " + log);
  }

  @Test
  void aDeleteIsAnsweredAtOnceWithoutTouchingTheTable() throws IOException {
    UpgradeTaskIndexHandler handler = handler((cursor, limit) -> {
      throw new AssertionError("a Delete reads nothing");
    });
    ObjectNode delete = request("Delete").put("PhysicalResourceId", "TaskIndexBackfill-1");

    invoke(handler, delete, 600_000);

    assertEquals("SUCCESS", answers.getFirst().path("Status").asText());
    assertEquals("TaskIndexBackfill-1", answers.getFirst().path("PhysicalResourceId").asText(), "kept");
  }

  private UpgradeTaskIndexHandler handler(UpgradeTaskIndexHandler.Backfill backfill) {
    return new UpgradeTaskIndexHandler(backfill, relayed::add, PACING, clock);
  }

  private ObjectNode request(String type) {
    ObjectNode request = JSON.createObjectNode()
        .put("RequestType", type)
        .put("ResponseURL", "http://127.0.0.1:" + responseUrl.getAddress().getPort() + "/presigned")
        .put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/s/1")
        .put("RequestId", "request-1")
        .put("ResourceType", "Custom::TaskIndexBackfill")
        .put("LogicalResourceId", "TaskIndexBackfill");
    request.putObject("ResourceProperties").put("IndexVersion", "1");
    return request;
  }

  private static void invoke(UpgradeTaskIndexHandler handler, ObjectNode event, int remainingMillis)
      throws IOException {
    CapturingContext captured = new CapturingContext();
    Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis")
            ? remainingMillis : method.invoke(captured, args));
    handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(), context);
  }
}
