package dev.taskapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The authorizer's DynamoDB calls retry as the SDK's clients do, against a local HTTP server that answers each
 * attempt as told: DynamoDB's error bodies ("Error handling with DynamoDB", DynamoDB Developer Guide), then success.
 */
class DynamoDbJsonClientTest {
  private static final String OK = "{\"Item\":{\"user_id\":{\"S\":\"u\"}}}";
  private static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");

  /** What the server answers, attempt by attempt: status, body and an optional Date header. */
  private record Answer(int status, String body, String date) {
    static Answer error(int status, String code) {
      return new Answer(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\",\"message\":\"m\"}",
          null);
    }
  }

  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<String> amzDates = new ArrayList<>();
  private final HttpServer server = start();

  private HttpServer start() {
    try {
      HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
      started.createContext("/", this::answer);
      started.start();
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    amzDates.add(exchange.getRequestHeaders().getFirst("X-Amz-Date"));
    Answer answer = answers.isEmpty() ? new Answer(200, OK, null) : answers.removeFirst();
    if (answer.date() != null) {
      exchange.getResponseHeaders().set("Date", answer.date());
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DynamoDbJsonClient client(Clock clock) {
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new DynamoDbJsonClient(endpoint, "us-east-1", () -> KEYS, clock);
  }

  private Map<String, String> getItem() {
    return client(Clock.systemUTC()).call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void aServerErrorIsRetried(int status) {
    answers.add(Answer.error(status, "InternalServerError"));
    assertEquals("u", getItem().get("/Item/user_id/S"));
    assertEquals(2, amzDates.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"})
  void dynamoDbsThrottlingErrorsAreRetried(String code) {
    answers.add(Answer.error(400, code));
    assertEquals("u", getItem().get("/Item/user_id/S"));
    assertEquals(2, amzDates.size());
  }

  @Test
  void twoFailuresInARowStillSucceedOnTheThirdAttempt() {
    answers.add(Answer.error(500, "InternalServerError"));
    answers.add(Answer.error(400, "ThrottlingException"));
    assertEquals("u", getItem().get("/Item/user_id/S"));
    assertEquals(3, amzDates.size());
  }

  @Test
  void aDynamoDbThatStaysDownFailsAfterThreeAttempts() {
    for (int i = 0; i < 5; i++) {
      answers.add(Answer.error(500, "InternalServerError"));
    }
    DynamoDbJsonClient.ErrorResponse failure = assertThrows(DynamoDbJsonClient.ErrorResponse.class, this::getItem);
    assertEquals(500, failure.status());
    assertEquals(3, amzDates.size(), "the standard strategy's 3 attempts");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ValidationException", "AccessDeniedException", "ResourceNotFoundException",
      "UnrecognizedClientException"})
  void aClientErrorIsNotRetried(String code) {
    answers.add(Answer.error(400, code));
    DynamoDbJsonClient.ErrorResponse failure = assertThrows(DynamoDbJsonClient.ErrorResponse.class, this::getItem);
    assertEquals(code, failure.code());
    assertEquals(1, amzDates.size());
  }

  @Test
  void noResponseAtAllIsRetriedThenFails() {
    server.stop(0); // connection refused on every attempt
    long start = System.nanoTime();
    assertThrows(UncheckedIOException.class, this::getItem);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(DynamoDbJsonClient.API_CALL_TIMEOUT) < 0);
  }

  /**
   * Our clock 15 minutes behind DynamoDB's: the signature is refused as a clock-skew error whose Date is the server's
   * time, and the retry, and every later call, is signed at that time (the SDK's ClockSkewAdjuster).
   */
  @Test
  void aClockSkewErrorMovesTheSigningClockToTheServersAndRetries() {
    Instant serverNow = Instant.now();
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-15));
    String serverDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.atOffset(ZoneOffset.UTC));
    Answer skewed = Answer.error(400, "InvalidSignatureException");
    answers.add(new Answer(400, skewed.body(), serverDate));
    DynamoDbJsonClient client = client(behind);
    assertEquals("u", client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)).get("/Item/user_id/S"));
    client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(3, amzDates.size());
    assertTrue(signedWithin(amzDates.get(0), serverNow.minus(Duration.ofMinutes(15))), amzDates.get(0));
    assertTrue(signedWithin(amzDates.get(1), serverNow), amzDates.get(1));
    assertTrue(signedWithin(amzDates.get(2), serverNow), amzDates.get(2));
  }

  @Test
  void aSignatureErrorWithoutSkewIsNotRetried() {
    String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
    answers.add(new Answer(400, Answer.error(400, "InvalidSignatureException").body(), now));
    assertThrows(DynamoDbJsonClient.ErrorResponse.class, this::getItem);
    assertEquals(1, amzDates.size());
  }

  private static boolean signedWithin(String amzDate, Instant expected) {
    Instant signed = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
        .parse(amzDate, Instant::from);
    return Duration.between(expected, signed).abs().compareTo(Duration.ofSeconds(30)) < 0;
  }
}
