package dev.taskapi.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.PayloadTooLargeException;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.UnsupportedMediaTypeException;
import dev.taskapi.schema.AuthorizerContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only view of an API Gateway proxy event with the checks every handler needs: body size, media type and
 * JSON shape, and the caller's identity as the authorizer put it in the request context.
 *
 * <p>The event is the JSON API Gateway sends, read as a tree, with its field names and its nulls: "Input format
 * of a Lambda function for proxy integration" (API Gateway Developer Guide, set-up-lambda-proxy-integrations).
 * {@code headers}, {@code multiValueHeaders}, {@code queryStringParameters} and {@code pathParameters} are null
 * when there are none, {@code body} is null without a body, {@code isBase64Encoded} is a boolean, and
 * {@code requestContext.authorizer} holds the authorizer's {@code principalId} and its context values.
 */
public final class ApiRequest {
  /** Our own body limit; API Gateway's (10 MB) is far above anything this API needs to accept. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** The one media type a request body may have. */
  static final String JSON_MEDIA_TYPE = "application/json";

  private final JsonNode event;

  /** {@code event}: the proxy event as a JSON tree (an object; anything else reads as an empty event). */
  public ApiRequest(JsonNode event) {
    this.event = event;
  }

  /** A request header, matched case-insensitively as HTTP requires. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, JsonNode> entry : event.path("headers").properties()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return Optional.ofNullable(text(entry.getValue()));
      }
    }
    return Optional.empty();
  }

  private int headerCount(String name) {
    JsonNode headers = event.path("multiValueHeaders");
    if (!headers.isObject()) {
      return header(name).isPresent() ? 1 : 0;
    }
    int count = 0;
    for (Map.Entry<String, JsonNode> entry : headers.properties()) {
      if (entry.getKey().equalsIgnoreCase(name) && entry.getValue().isArray()) {
        count += entry.getValue().size();
      }
    }
    return count;
  }

  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(text(event.path("queryStringParameters").path(name)));
  }

  public Optional<String> pathParameter(String name) {
    return Optional.ofNullable(text(event.path("pathParameters").path(name)));
  }

  /** A string member's value; null for JSON null, a missing member or any other type. */
  private static String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : null;
  }

  private JsonNode authorizer() {
    return event.path("requestContext").path("authorizer");
  }

  /** The {@code {task_id}} path parameter in canonical (lower-case) UUID form, or a 400 when it is not a UUID. */
  public String taskId() {
    return TaskIds.canonical(pathParameter("task_id").orElse(null));
  }

  /** The {@code {list_id}} path parameter in canonical (lower-case) UUID form, or a 400 when it is not a UUID. */
  public String listId() {
    return TaskLists.canonical(pathParameter("list_id").orElse(null));
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
    String full = text(event.path("requestContext").path("path"));
    String own = text(event.path("path"));
    if (full == null || own == null || !full.endsWith(own)) {
      return "";
    }
    return full.substring(0, full.length() - own.length());
  }

  /** The caller's user id when an authorizer authenticated the request; for logs, never for decisions. */
  Optional<String> authenticatedUserId() {
    String id = text(authorizer().path(AuthorizerContext.USER_ID));
    return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /**
   * Whether the authorizer passed on a token expiry that is reached at {@code now} (exp is exact: no leeway). API
   * Gateway hands context values to the function as strings; a number is accepted too.
   */
  boolean tokenExpiredAt(Instant now) {
    JsonNode exp = authorizer().path(AuthorizerContext.EXPIRES_AT);
    long expiresAt;
    if (exp.isIntegralNumber()) {
      expiresAt = exp.longValue();
    } else if (exp.isTextual() && !exp.textValue().isEmpty()) {
      try {
        expiresAt = Long.parseLong(exp.textValue());
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
    return text(event.path("resource"));
  }

  /** API Gateway's id of the request, the key to its own logs; null when the event has no context. */
  String apiRequestId() {
    return text(event.path("requestContext").path("requestId"));
  }

  String method() {
    return text(event.path("httpMethod"));
  }

  /**
   * The caller's account email, as the authorizer put it in the request context from the token; a 401 when the
   * token predates the email claim (logging in again issues one that has it).
   */
  public String callerEmail() {
    String email = text(authorizer().path(AuthorizerContext.EMAIL));
    if (email == null || email.isEmpty()) {
      throw new AuthenticationFailedException("This token predates account access; log in again.");
    }
    return email;
  }

  /** The body as a JSON object, or the 4xx that says why it is not one. */
  public ObjectNode jsonObjectBody() {
    if (hasContent()) {
      requireJsonContentType();
    }
    String body = bodyWithinLimit();
    if (body.isBlank()) {
      throw new InvalidRequestException("A JSON object body is required.");
    }
    JsonNode node;
    try {
      node = JsonStreams.readTree(body);
    } catch (IOException e) { // from a String: only malformed JSON or a limit the body breaks
      // Jackson's message quotes the input and names internals; the client gets a plain sentence.
      throw new InvalidRequestException("The request body is not valid JSON.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidRequestException("The request body must be a JSON object.");
    }
    return object;
  }

  /** Whether the request carries any body bytes; a request without any has no media type to judge (400 below). */
  private boolean hasContent() {
    String body = text(event.path("body"));
    return body != null && !body.isEmpty();
  }

  /**
   * Only {@code application/json} (any letter case, with parameters such as {@code charset}) is read, and a body
   * without a Content-Type is refused too: that is what a cross-site {@code fetch(url, {mode: "no-cors", body:
   * new Blob([json])})} sends, which a browser sends without a CORS preflight (Fetch Standard, "CORS-safelisted
   * request-header": only {@code application/x-www-form-urlencoded}, {@code multipart/form-data} and
   * {@code text/plain} Content-Types, or none, go unpreflighted). Structured-syntax {@code +json} types are refused
   * as well: openapi.yaml declares {@code application/json} alone, and no client of ours sends another.
   */
  private void requireJsonContentType() {
    String mediaType = header("Content-Type").map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .orElse("");
    if (!mediaType.equals(JSON_MEDIA_TYPE)) {
      throw new UnsupportedMediaTypeException("The request body must be sent as Content-Type: application/json.");
    }
  }

  private String bodyWithinLimit() {
    String body = text(event.path("body"));
    if (body == null) {
      return "";
    }
    if (event.path("isBase64Encoded").booleanValue()) {
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
