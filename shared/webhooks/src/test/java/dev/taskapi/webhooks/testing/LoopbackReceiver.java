package dev.taskapi.webhooks.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * A webhook receiver for tests: a JDK HttpServer on loopback that records every request to {@value #PATH} and
 * answers it with the status {@code answer} gives. The header names are recorded in lower case, as the Standard
 * Webhooks verifier looks them up (HttpServer capitalises them).
 */
public final class LoopbackReceiver implements AutoCloseable {
  public static final String PATH = "/hook";

  /** One request as received: its headers (lower-case names) and its body. */
  public record Delivery(Map<String, List<String>> headers, String body) {}

  private final HttpServer server;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();

  private LoopbackReceiver(ToIntFunction<Delivery> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(PATH, exchange -> {
      Delivery delivery = new Delivery(
          exchange.getRequestHeaders().entrySet().stream()
              .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue)),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      received.add(delivery);
      exchange.sendResponseHeaders(answer.applyAsInt(delivery), -1);
      exchange.close();
    });
    server.start();
  }

  /** A receiver that answers each request with {@code answer}'s status for it. */
  public static LoopbackReceiver start(ToIntFunction<Delivery> answer) {
    try {
      return new LoopbackReceiver(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://<host>:<port>/hook}, for a host that resolves (or is) loopback. */
  public String url(String host) {
    return "http://" + host + ":" + port() + PATH;
  }

  public List<Delivery> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
