package dev.taskapi.local.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server under each local AWS endpoint (IAM-checked DynamoDB, SES, the secrets extension): 127.0.0.1
 * only, every path to one handler, each exchange on a virtual thread of its own.
 */
public final class LoopbackServer implements AutoCloseable {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  private LoopbackServer(int port, int backlog, HttpHandler handler) throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  /**
   * Serves {@code handler} on 127.0.0.1:{@code port} (0 for a free port).
   *
   * @param backlog the accept queue's length; 0 for the system's default
   */
  public static LoopbackServer start(int port, int backlog, HttpHandler handler) throws IOException {
    return new LoopbackServer(port, backlog, handler);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URI the functions are given. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Answers {@code status} with {@code body} (no body at all when it is empty), the headers already set. */
  public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops accepting and waits for the exchanges under way to end. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
