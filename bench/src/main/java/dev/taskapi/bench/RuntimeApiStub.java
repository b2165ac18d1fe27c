package dev.taskapi.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda Runtime API (2018-06-01) for one cold start: the first {@code invocation/next} gets the event,
 * later ones wait until the stub closes (as Lambda freezes an idle runtime). Records when the runtime posts
 * the invocation's response or error, which is the moment a Lambda user's request is answered.
 */
final class RuntimeApiStub implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String REQUEST_ID = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";

  private final byte[] event;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicBoolean served = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CompletableFuture<Long> answeredAtNanos = new CompletableFuture<>();
  private volatile long initDoneAtNanos = -1;
  private volatile String answer = "";

  RuntimeApiStub(byte[] event) {
    this.event = event.clone();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The value of AWS_LAMBDA_RUNTIME_API. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Completes with {@link System#nanoTime()} at the response or error; fails on an init error. */
  CompletableFuture<Long> answered() {
    return answeredAtNanos;
  }

  /**
   * {@link System#nanoTime()} at the runtime's first {@code invocation/next}: its Init (the handler class loaded and
   * constructed) is done; -1 before.
   */
  long initDoneAtNanos() {
    return initDoneAtNanos;
  }

  /** What the runtime posted: {@code response <body>} or {@code error <body>}. */
  String answer() {
    return answer;
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.equals(PREFIX + "invocation/next")) {
        next(exchange);
      } else if (path.equals(PREFIX + "invocation/" + REQUEST_ID + "/response")
          || path.equals(PREFIX + "invocation/" + REQUEST_ID + "/error")) {
        long now = System.nanoTime();
        answer = path.substring(path.lastIndexOf('/') + 1) + " " + new String(body, StandardCharsets.UTF_8);
        answeredAtNanos.complete(now);
        exchange.sendResponseHeaders(202, -1);
      } else if (path.equals(PREFIX + "init/error")) {
        answeredAtNanos.completeExceptionally(
            new IllegalStateException("init error: " + new String(body, StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(202, -1);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    if (initDoneAtNanos < 0) {
      initDoneAtNanos = System.nanoTime();
    }
    if (served.getAndSet(true)) {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.add("Content-Type", "application/json");
    headers.add("Lambda-Runtime-Aws-Request-Id", REQUEST_ID);
    headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 10_000));
    headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench");
    headers.add("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419");
    exchange.sendResponseHeaders(200, event.length);
    exchange.getResponseBody().write(event);
  }
}
