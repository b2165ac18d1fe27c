package dev.taskapi.local.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The AWS Parameters and Secrets Lambda Extension's HTTP API on 127.0.0.1, serving {@link LocalSecrets}:
 * {@code GET /secretsmanager/get?secretId=<id>} with the {@code X-Aws-Parameters-Secrets-Token} header.
 */
public final class SecretsEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";

  private final LocalSecrets secrets;
  private final byte[] sessionToken;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  private SecretsEndpoint(LocalSecrets secrets, String sessionToken, int port) throws IOException {
    this.secrets = secrets;
    this.sessionToken = sessionToken.getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves on 127.0.0.1:{@code port} (0 for a free port), answering only callers with the session token. */
  public static SecretsEndpoint start(LocalSecrets secrets, String sessionToken, int port) throws IOException {
    return new SecretsEndpoint(secrets, sessionToken, port);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String token = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
      if (token == null || !MessageDigest.isEqual(sessionToken, token.getBytes(StandardCharsets.UTF_8))) {
        respond(exchange, 403, Map.of("message", "Forbidden: missing or wrong " + TOKEN_HEADER));
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")
          || !exchange.getRequestURI().getPath().equals("/secretsmanager/get")) {
        respond(exchange, 404, Map.of("message", "Not found"));
        return;
      }
      Optional<String> secretId = queryParameter(exchange.getRequestURI().getRawQuery(), "secretId");
      if (secretId.isEmpty() || secretId.get().isEmpty()) {
        respond(exchange, 400, Map.of("message", "secretId is required"));
        return;
      }
      Optional<LocalSecret> secret = secrets.find(secretId.get());
      if (secret.isEmpty()) {
        respond(exchange, 404, Map.of("__type", "ResourceNotFoundException",
            "message", "Secrets Manager can't find the specified secret."));
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ARN", secret.get().arn());
      body.put("Name", secret.get().name());
      body.put("SecretString", secret.get().value());
      body.put("VersionId", secret.get().versionId());
      body.put("VersionStages", List.of("AWSCURRENT"));
      body.put("CreatedDate", secret.get().createdEpochSeconds());
      respond(exchange, 200, body);
    }
  }

  private static Optional<String> queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
