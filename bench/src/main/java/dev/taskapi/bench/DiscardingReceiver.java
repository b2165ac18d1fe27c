package dev.taskapi.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A webhook receiver on loopback for the whole run: it reads each delivery and answers 204 at once, so the sample
 * webhooks' sends are delivered (the functions' success path) and cost no receiver's work. The local stack's
 * receiver policy allows loopback receivers. It keeps what it received, so the warm baseline can send the same
 * deliveries again ({@link #resend}), as it sends the functions' AWS requests again.
 */
final class DiscardingReceiver implements AutoCloseable {
  /** One delivery as received: the webhook's own headers ({@code webhook-*}, content type) and the body. */
  record Received(Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();

  DiscardingReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", exchange -> {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("webhook-") || lower.equals("content-type")) {
          headers.put(lower, values.getFirst());
        }
      });
      received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The deliveries received since the last call, oldest first. */
  List<Received> drain() {
    List<Received> drained = new ArrayList<>();
    for (Received next = received.poll(); next != null; next = received.poll()) {
      drained.add(next);
    }
    return drained;
  }

  /**
   * Sends {@code delivery} to this receiver again as the function sent it, on a connection of its own ({@code
   * Connection: close}, as the webhook sender posts), written straight to a socket: the exchange with no client
   * library; the milliseconds from the connection to the answer's status line. Drops the copy it receives.
   */
  double resend(Received delivery) throws IOException {
    StringBuilder head = new StringBuilder("POST /hook HTTP/1.1\r\nHost: 127.0.0.1:")
        .append(server.getAddress().getPort()).append("\r\nConnection: close\r\nContent-Length: ")
        .append(delivery.body().length).append("\r\n");
    delivery.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    long start = System.nanoTime();
    String status;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(delivery.body());
      out.flush();
      status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
    double millis = (System.nanoTime() - start) / 1e6;
    received.poll();
    if (status == null || !status.startsWith("HTTP/1.1 204")) {
      throw new IllegalStateException("the receiver answered " + status);
    }
    return millis;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
