package dev.taskapi.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.Json;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.PayloadTooLargeException;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.UnsupportedMediaTypeException;
import dev.taskapi.schema.AuthorizerContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only view of an API Gateway proxy event with the checks every handler needs: body size, media type and
 * JSON shape, and the caller's identity as the authorizer put it in the request context.
 */
public final class ApiRequest {
  /** Our own body limit; API Gateway's (10 MB) is far above anything this API needs to accept. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final APIGatewayProxyRequestEvent event;

  public ApiRequest(APIGatewayProxyRequestEvent event) {
    this.event = event;
  }

  /** A request header, matched case-insensitively as HTTP requires. */
  public Optional<String> header(String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return Optional.ofNullable(entry.getValue());
      }
    }
    return Optional.empty();
  }

  private int headerCount(String name) {
    Map<String, List<String>> headers = event.getMultiValueHeaders();
    if (headers == null) {
      return header(name).isPresent() ? 1 : 0;
    }
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null)
        .mapToInt(entry -> entry.getValue().size())
        .sum();
  }

  public Optional<String> queryParameter(String name) {
    Map<String, String> query = event.getQueryStringParameters();
    return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
  }

  public Optional<String> pathParameter(String name) {
    Map<String, String> path = event.getPathParameters();
    return path == null ? Optional.empty() : Optional.ofNullable(path.get(name));
  }

  /** The {@code {task_id}} path parameter in canonical (lower-case) UUID form, or a 400 when it is not a UUID. */
  public String taskId() {
    return TaskIds.canonical(pathParameter("task_id").orElse(null));
  }

  /**
   * The caller's user id, as the authorizer put it in the request context. Handlers never see the token. Its
   * absence means a route is deployed without the authorizer: a server fault, not a client error.
   */
  public String userId() {
    // API Gateway hands the authorizer one of several Authorization headers (which one is its choice), so a
    // request carrying more than one is ambiguous about who is calling: refused, whichever was authorized.
    if (headerCount("Authorization") > 1) {
      throw new AuthenticationFailedException("Send exactly one Authorization header.");
    }
    return authenticatedUserId()
        .orElseThrow(() -> new IllegalStateException("no authorizer context on an authenticated route"));
  }

  /**
   * The part of the URL path in front of the API's own paths: {@code /v1} on an execute-api URL, a custom domain's
   * base path, or empty. API Gateway's {@code requestContext.path} is the path the client used; {@code path} is
   * the same without that prefix.
   */
  public String basePath() {
    var context = event.getRequestContext();
    String full = context == null ? null : context.getPath();
    String own = event.getPath();
    if (full == null || own == null || !full.endsWith(own)) {
      return "";
    }
    return full.substring(0, full.length() - own.length());
  }

  /** The caller's user id when an authorizer authenticated the request; for logs, never for decisions. */
  Optional<String> authenticatedUserId() {
    var context = event.getRequestContext();
    Map<String, Object> authorizer = context == null ? null : context.getAuthorizer();
    return authorizer != null && authorizer.get(AuthorizerContext.USER_ID) instanceof String id && !id.isEmpty()
        ? Optional.of(id)
        : Optional.empty();
  }

  /**
   * Whether the authorizer passed on a token expiry that is reached at {@code now} (exp is exact: no leeway). API
   * Gateway hands context values to the function as strings; a number is accepted too.
   */
  boolean tokenExpiredAt(Instant now) {
    var context = event.getRequestContext();
    Map<String, Object> authorizer = context == null ? null : context.getAuthorizer();
    Object exp = authorizer == null ? null : authorizer.get(AuthorizerContext.EXPIRES_AT);
    long expiresAt;
    if (exp instanceof Number number) {
      expiresAt = number.longValue();
    } else if (exp instanceof String text && !text.isEmpty()) {
      try {
        expiresAt = Long.parseLong(text);
      } catch (NumberFormatException e) {
        return true; // the authorizer always writes a number: anything else is not to be trusted
      }
    } else {
      return false; // no authorizer (an open route), or one from before it passed exp on
    }
    return now.getEpochSecond() >= expiresAt;
  }

  /** The API resource (route template) and method API Gateway matched, e.g. {@code DELETE /tasks/{task_id}}. */
  String resource() {
    return event.getResource();
  }

  /** API Gateway's id of the request, the key to its own logs; null when the event has no context. */
  String apiRequestId() {
    var context = event.getRequestContext();
    return context == null ? null : context.getRequestId();
  }

  String method() {
    return event.getHttpMethod();
  }

  /**
   * The caller's account email, as the authorizer put it in the request context from the token; a 401 when the
   * token predates the email claim (logging in again issues one that has it).
   */
  public String callerEmail() {
    var context = event.getRequestContext();
    Map<String, Object> authorizer = context == null ? null : context.getAuthorizer();
    Object email = authorizer == null ? null : authorizer.get(AuthorizerContext.EMAIL);
    if (!(email instanceof String value) || value.isEmpty()) {
      throw new AuthenticationFailedException("This token predates account access; log in again.");
    }
    return value;
  }

  /** The body as a JSON object, or the 4xx that says why it is not one. */
  public ObjectNode jsonObjectBody() {
    requireJsonContentType();
    String body = bodyWithinLimit();
    if (body.isBlank()) {
      throw new InvalidRequestException("A JSON object body is required.");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input and names internals; the client gets a plain sentence.
      throw new InvalidRequestException("The request body is not valid JSON.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidRequestException("The request body must be a JSON object.");
    }
    return object;
  }

  private void requireJsonContentType() {
    Optional<String> contentType = header("Content-Type");
    if (contentType.isEmpty()) {
      return; // clients that send none still get their JSON read; only a declared non-JSON type is refused
    }
    String mediaType = contentType.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      throw new UnsupportedMediaTypeException("The request body must be application/json.");
    }
  }

  private String bodyWithinLimit() {
    String body = event.getBody();
    if (body == null) {
      return "";
    }
    if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("The request body is not valid base64.");
      }
      checkSize(bytes.length);
      return new String(bytes, StandardCharsets.UTF_8);
    }
    // A string of more chars than the limit is over it in bytes too; only shorter ones need encoding to count.
    checkSize(body.length() > MAX_BODY_BYTES ? body.length() : utf8Length(body));
    return body;
  }

  private static void checkSize(int bytes) {
    if (bytes > MAX_BODY_BYTES) {
      throw new PayloadTooLargeException(
          "The request body is " + bytes + " bytes; the limit is " + MAX_BODY_BYTES + " bytes.");
    }
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
