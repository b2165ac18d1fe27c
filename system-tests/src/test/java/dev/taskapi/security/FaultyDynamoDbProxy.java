package dev.taskapi.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * An HTTP proxy between the functions and DynamoDB that injects one fault at a time: refused connections, stalls
 * past every SDK timeout, connections dropped mid-request, throttling and 500s. Those faulty modes never forward,
 * so a request that failed is known not to have reached the table; {@link Fault#LOSE_NEXT_RESPONSE} and
 * {@link Fault#LOSE_COMMITTED_RESPONSE} are the exceptions, made to check that a write applied but never acknowledged
 * is not misreported. Healthy, it forwards and records every write that DynamoDB accepted, so a test can tell
 * exactly what an API request wrote. {@link #injectAtWrite} aims faults at one write in the middle of a request.
 */
final class FaultyDynamoDbProxy implements AutoCloseable {
  enum Fault {
    NONE,
    /** No listener on the port: connection refused. */
    REFUSE,
    /** Reads the request and never answers (until the mode changes), past the SDK's attempt and call timeouts. */
    STALL,
    /** Reads the request and closes the connection without a response. */
    DROP,
    /** Answers DynamoDB's throttling error for a table's provisioned throughput. */
    THROTTLE,
    /** Answers DynamoDB's account-level throttling error, ThrottlingException (also HTTP 400). */
    THROTTLING_EXCEPTION,
    /** Answers DynamoDB's internal server error. */
    SERVER_ERROR,
    /**
     * Forwards the next request (DynamoDB applies it) but closes the connection instead of answering, then heals:
     * the SDK sees a lost response and retries a request that already took effect.
     */
    LOSE_NEXT_RESPONSE,
    /**
     * In a script ({@link #injectAtWrite}): forwards the request, and when DynamoDB accepted it (it committed), closes
     * the connection instead of answering; a request DynamoDB refused is answered and the fault waits for the next.
     */
    LOSE_COMMITTED_RESPONSE
  }

  private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
      "TransactWriteItems");
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect");
  /** Written again when the request is signed again for DynamoDB, whose address differs from the proxy's. */
  private static final Set<String> SIGNATURE_HEADERS =
      Set.of("authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static final String THROTTLED =
      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
          + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}";
  private static final String THROTTLING =
      "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\","
          + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}";
  private static final String INTERNAL =
      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal server error\"}";

  private final URI target;
  private final AwsCredentialsIdentity targetCredentials;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger faultsInjected = new AtomicInteger();
  private final List<String> acceptedWrites = new ArrayList<>();
  private volatile Fault fault = Fault.NONE;
  /** How many more requests meet {@link #fault} before it heals by itself; negative: until it is changed. */
  private int faultsLeft = -1;
  private volatile CountDownLatch stallReleased = new CountDownLatch(1);
  private HttpServer server;
  /** Text in the body of the writes that meet {@link #script}'s faults; null: none. */
  private String trigger;
  /** The faults the writes containing {@link #trigger} meet, one each, in order. */
  private final Deque<Fault> script = new ArrayDeque<>();

  private FaultyDynamoDbProxy(URI target, AwsCredentialsIdentity targetCredentials) {
    this.target = target;
    this.targetCredentials = targetCredentials;
    this.server = listen(0);
    this.port = server.getAddress().getPort();
  }

  /** A proxy to {@code target}, which accepts requests signed with {@code targetCredentials} only. */
  static FaultyDynamoDbProxy start(URI target, AwsCredentialsIdentity targetCredentials) {
    return new FaultyDynamoDbProxy(target, targetCredentials);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** How many DynamoDB requests met a fault (each SDK retry is one more). */
  int faultsInjected() {
    return faultsInjected.get();
  }

  /**
   * The writes DynamoDB accepted since the last call, each as its operation and, for a failed-login record, the
   * marker {@code LOGIN#}.
   */
  List<String> takeAcceptedWrites() {
    synchronized (acceptedWrites) {
      List<String> taken = List.copyOf(acceptedWrites);
      acceptedWrites.clear();
      return taken;
    }
  }

  /** {@code newFault} for the next {@code requests} requests only, then healthy again. */
  synchronized void injectFor(int requests, Fault newFault) {
    inject(newFault);
    faultsLeft = requests;
  }

  /**
   * The writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems) whose body contains
   * {@code marker}, such as the id of the item they write, meet {@code faults}, one each in order (the first such
   * write, then the SDK's retries of it); every other request, and those writes after the faults, are healthy.
   */
  synchronized void injectAtWrite(String marker, Fault... faults) {
    inject(Fault.NONE);
    trigger = marker;
    script.addAll(List.of(faults));
  }

  synchronized void inject(Fault newFault) {
    faultsLeft = -1;
    trigger = null;
    script.clear();
    if (fault == Fault.STALL) {
      stallReleased.countDown();
    }
    if (newFault == Fault.STALL) {
      stallReleased = new CountDownLatch(1);
    }
    if (newFault == Fault.REFUSE && server != null) {
      server.stop(0);
      server = null;
    } else if (newFault != Fault.REFUSE && server == null) {
      server = listen(port);
    }
    fault = newFault;
  }

  @Override
  public synchronized void close() {
    stallReleased.countDown();
    if (server != null) {
      server.stop(0);
    }
    threads.shutdownNow();
    http.close();
  }

  private HttpServer listen(int onPort) {
    try {
      HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
      listening.createContext("/", this::handle);
      listening.setExecutor(threads);
      listening.start();
      return listening;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Fault now = takeFault(exchange, body);
    switch (now) {
      case STALL -> {
        try {
          stallReleased.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
      }
      case DROP, REFUSE -> exchange.close();
      case THROTTLE -> answer(exchange, 400, THROTTLED);
      case THROTTLING_EXCEPTION -> answer(exchange, 400, THROTTLING);
      case SERVER_ERROR -> answer(exchange, 500, INTERNAL);
      case NONE -> forward(exchange, body);
      case LOSE_NEXT_RESPONSE -> {
        inject(Fault.NONE);
        forwardAndLoseResponse(exchange, body);
      }
      case LOSE_COMMITTED_RESPONSE -> forwardAndLoseCommittedResponse(exchange, body);
    }
  }

  /**
   * The fault this request meets, counted; the last of a limited run heals the proxy. Faults are the table's: the
   * DynamoDB Streams reads of the local event source mapping (Lambda's poller, about 4 a second) pass through
   * uncounted, so a test counts the attempts of the function it is about.
   */
  private synchronized Fault takeFault(HttpExchange exchange, byte[] body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null && target.startsWith("DynamoDBStreams_")) {
      return Fault.NONE;
    }
    if (!script.isEmpty() && WRITES.contains(operation(exchange))
        && new String(body, StandardCharsets.UTF_8).contains(trigger)) {
      faultsInjected.incrementAndGet();
      return script.poll();
    }
    Fault now = fault;
    if (now != Fault.NONE) {
      faultsInjected.incrementAndGet();
      if (faultsLeft > 0 && --faultsLeft == 0) {
        inject(Fault.NONE);
      }
    }
    return now;
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    try {
      HttpResponse<byte[]> response = http.send(forwarded(exchange, body), HttpResponse.BodyHandlers.ofByteArray());
      recordIfAcceptedWrite(exchange, body, response.statusCode());
      response.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.equalsIgnoreCase("transfer-encoding")
            && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      exchange.getResponseBody().write(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private void forwardAndLoseResponse(HttpExchange exchange, byte[] body) {
    try {
      HttpResponse<byte[]> response = http.send(forwarded(exchange, body), HttpResponse.BodyHandlers.ofByteArray());
      recordIfAcceptedWrite(exchange, body, response.statusCode());
    } catch (IOException e) {
      // DynamoDB did not take it either; the SDK's retry will find out
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private void forwardAndLoseCommittedResponse(HttpExchange exchange, byte[] body) throws IOException {
    try {
      HttpResponse<byte[]> response = http.send(forwarded(exchange, body), HttpResponse.BodyHandlers.ofByteArray());
      recordIfAcceptedWrite(exchange, body, response.statusCode());
      if (response.statusCode() != 200) {
        synchronized (this) {
          script.addFirst(Fault.LOSE_COMMITTED_RESPONSE); // not committed: the next request meets it instead
          faultsInjected.decrementAndGet();
        }
        answer(exchange, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  /**
   * The request as DynamoDB should receive it: same method, path, body and headers, minus hop-by-hop ones, signed
   * again for DynamoDB's address (a signature covers the Host it was sent to).
   */
  private HttpRequest forwarded(HttpExchange exchange, byte[] body) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
        .uri(target.resolve(exchange.getRequestURI()));
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!NOT_FORWARDED.contains(lower) && !SIGNATURE_HEADERS.contains(lower)) {
        unsigned.putHeader(name, values);
      }
    });
    SdkHttpRequest signed = SIGNER.sign(r -> r.identity(targetCredentials)
            .request(unsigned.build())
            .payload(ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
        .request();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(signed.getUri())
            .timeout(Duration.ofSeconds(30))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    signed.forEachHeader((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) { // the client writes Host and Content-Length
        values.forEach(value -> request.header(name, value));
      }
    });
    return request.build();
  }

  private static String operation(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    return target == null ? "" : target.substring(target.indexOf('.') + 1);
  }

  private void recordIfAcceptedWrite(HttpExchange exchange, byte[] body, int status) {
    String operation = operation(exchange);
    if (status == 200 && WRITES.contains(operation)) {
      boolean loginRecord = new String(body, StandardCharsets.UTF_8).contains("\"S\":\"LOGIN#");
      synchronized (acceptedWrites) {
        acceptedWrites.add(loginRecord ? operation + " LOGIN#" : operation);
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
