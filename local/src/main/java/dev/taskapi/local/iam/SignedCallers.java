package dev.taskapi.local.iam;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who signed a request to a local AWS endpoint: the function whose own credentials (access key, session token
 * and SigV4 signature for this service) it carries, as AWS identifies the execution role's session. Each endpoint
 * answers a refusal in its own service's words.
 */
public final class SignedCallers {
  /**
   * Why a request is not a function's, with the error code and message AWS's front end answers for it (403 for a
   * JSON or REST-JSON service; SQS's reported in github:async-aws/aws#1948).
   */
  public enum Refusal {
    MISSING_AUTHENTICATION("MissingAuthenticationTokenException", "Missing Authentication Token"),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException",
        "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'."),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", "The security token included in the request is invalid."),
    INVALID_SIGNATURE("InvalidSignatureException", "The request signature we calculated does not match the "
        + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
        + "documentation for details.");

    private final String errorCode;
    private final String message;

    Refusal(String errorCode, String message) {
      this.errorCode = errorCode;
      this.message = message;
    }

    public String errorCode() {
      return errorCode;
    }

    public String message() {
      return message;
    }
  }

  /** The caller, or why there is none. */
  public sealed interface Authentication {
    record Caller(String function) implements Authentication {}

    record Refused(Refusal refusal) implements Authentication {}
  }

  private final Principals principals;
  private final String service;
  private final Clock clock;

  /** @param service the SigV4 signing name the requests must carry ({@code dynamodb}, {@code ses}) */
  public SignedCallers(Principals principals, String service, Clock clock) {
    this.principals = principals;
    this.service = service;
    this.clock = clock;
  }

  /** Who signed a request this stack's HTTP server received, {@code body} already read from it. */
  public Authentication authenticate(HttpExchange exchange, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
    String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
        .orElse("127.0.0.1:" + exchange.getLocalAddress().getPort());
    URI uri = URI.create("http://" + host + exchange.getRequestURI());
    return authenticate(exchange.getRequestMethod(), uri, headers, body);
  }

  /**
   * @param uri the request's URI as the client addressed it (its Host)
   * @param headers the received headers, names in lower case
   */
  public Authentication authenticate(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
    Optional<String> header = first(headers, "authorization");
    if (header.isEmpty()) {
      return new Authentication.Refused(Refusal.MISSING_AUTHENTICATION);
    }
    Optional<SigV4.Authorization> authorization = SigV4.parse(header.get());
    if (authorization.isEmpty()) {
      return new Authentication.Refused(Refusal.INCOMPLETE_SIGNATURE);
    }
    Optional<String> function = principals.functionWithAccessKey(authorization.get().accessKeyId());
    Optional<String> token = first(headers, "x-amz-security-token");
    if (function.isEmpty() || token.isEmpty() || !principals.functionWithSessionToken(token.get()).equals(function)) {
      return new Authentication.Refused(Refusal.UNRECOGNIZED_CLIENT);
    }
    if (!authorization.get().service().equals(service) || !SigV4.verify(authorization.get(), method, uri, headers,
        body, principals.credentials(function.get()), clock)) {
      return new Authentication.Refused(Refusal.INVALID_SIGNATURE);
    }
    return new Authentication.Caller(function.get());
  }

  private static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }
}
