package dev.taskapi.local.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.iam.RequestContext;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS Parameters and Secrets Lambda Extension's HTTP API on 127.0.0.1, serving {@link LocalSecrets}:
 * {@code GET /secretsmanager/get?secretId=<id>} with the {@code X-Aws-Parameters-Secrets-Token} header.
 *
 * <p>The extension runs inside one function's sandbox and calls Secrets Manager with that function's role, so
 * here the token (the caller's AWS_SESSION_TOKEN) names the function, and {@code secretsmanager:GetSecretValue}
 * on the secret's ARN is authorized against that function's policies.
 */
public final class SecretsEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";

  private final LocalSecrets secrets;
  private final Principals principals;
  private final IamAuthorizer authorizer;
  private final LoopbackServer server;

  private SecretsEndpoint(LocalSecrets secrets, Principals principals, IamAuthorizer authorizer, int port)
      throws IOException {
    this.secrets = secrets;
    this.principals = principals;
    this.authorizer = authorizer;
    this.server = LoopbackServer.start(port, 0, this::handle);
  }

  /** Serves on 127.0.0.1:{@code port} (0 for a free port), answering only callers with a function's session token. */
  public static SecretsEndpoint start(LocalSecrets secrets, Principals principals, IamAuthorizer authorizer, int port)
      throws IOException {
    return new SecretsEndpoint(secrets, principals, authorizer, port);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String token = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
      Optional<String> function = token == null ? Optional.empty() : principals.functionWithSessionToken(token);
      if (function.isEmpty()) {
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
      Optional<IamAuthorizer.Denial> denial = authorizer.authorize(function.get(), List.of(new IamAuthorizer.Request(
          "secretsmanager:GetSecretValue", secret.get().arn(), RequestContext.empty())));
      if (denial.isPresent()) {
        // The extension relays Secrets Manager's error: the service's HTTP status (400 for AccessDeniedException)
        // and {"__type":<code>, "message":<message>}. The extension layer is closed source and AWS documents no
        // error body for it; this follows its open-source successor, github:aws/aws-secretsmanager-agent,
        // aws_secretsmanager_agent/src/cache_manager.rs (commit 185f462, svc_err) and src/utils.rs (err_response).
        respond(exchange, 400, Map.of("__type", "AccessDeniedException", "message", denial.get().message()));
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
    LoopbackServer.send(exchange, status, bytes);
  }
}
