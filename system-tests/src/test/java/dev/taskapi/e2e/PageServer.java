package dev.taskapi.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A web origin of its own on 127.0.0.1 serving one HTML page at /app.html, for the browser tests. */
final class PageServer {
  private PageServer() {}

  static HttpServer serve(String html) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/app.html", exchange -> {
      byte[] page = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
    return server;
  }

  /** The server's origin, e.g. {@code http://127.0.0.1:41234}. */
  static String origin(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
