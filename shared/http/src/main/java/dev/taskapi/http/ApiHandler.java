package dev.taskapi.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.taskapi.api.Json;
import dev.taskapi.domain.DomainException;
import dev.taskapi.log.RequestLogLine;
import dev.taskapi.schema.AuthorizerContext;
import dev.taskapi.snapstart.Priming;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.crac.Resource;

/**
 * The frame of every API function: translate the proxy event, run {@link #handle}, and turn its result or its
 * {@link DomainException} into the HTTP response. Subclasses hold only their endpoint's logic, a few lines.
 *
 * <p>Before a SnapStart snapshot it primes itself: one request with an empty JSON object body from a caller
 * that does not exist runs the whole path (event, Jackson, validation, the store for reads, problem and
 * response serialization), so every function gets this without code of its own. Writes are refused while
 * priming ({@link Priming}), so a handler that would accept that request changes nothing.
 */
public abstract class ApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

  /**
   * Sent on every response (OWASP REST Security Cheat Sheet): bodies are per-user data, so no cache keeps them and
   * no browser sniffs them into another type, frames them or runs anything from them; HTTPS only, as API Gateway is.
   */
  static final Map<String, String> BASE_HEADERS =
      Map.of(
          "Cache-Control", "no-store",
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "Strict-Transport-Security", "max-age=31536000; includeSubDomains");

  private final Cors cors;

  protected ApiHandler(Cors cors) {
    this.cors = cors;
    Priming.register(this);
  }

  /** The endpoint's logic. Throws {@link DomainException} for anything the caller must be told. */
  protected abstract ApiResponse handle(ApiRequest request);

  @Override
  public final APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    long start = System.nanoTime();
    ApiRequest request = new ApiRequest(event);
    ApiResponse response;
    APIGatewayProxyResponseEvent answer;
    if (request.tokenExpiredAt(Instant.now())) {
      // API Gateway caches the authorizer's answer per token for AuthorizerCacheTtlSeconds, past the token's exp:
      // refused here with the very 401 the gateway gives any other bad token.
      response = GatewayUnauthorized.response();
      answer = toEvent(response, request, Map.of());
    } else {
      try {
        response = handle(request);
      } catch (DomainException e) {
        response = Problems.from(e);
      } catch (RuntimeException e) {
        logFault(context, e);
        response = Problems.internalError();
      }
      answer = toEvent(response, request, BASE_HEADERS);
    }
    RequestLogLine.of(
            context,
            request.apiRequestId(),
            request.method(),
            request.resource(),
            response.status(),
            start,
            request.authenticatedUserId().orElse(null),
            operation(request),
            businessMetric(response))
        .writeTo(context);
    return answer;
  }

  /**
   * The business event {@code response} records, counted as a CloudWatch metric of that name (README: Operating
   * it lists them), or null for none. Called for every response, errors included, so a refusal can be counted too.
   */
  protected String businessMetric(ApiResponse response) {
    return null;
  }

  /**
   * The route as the template declares it, {@code POST /tasks/{task_id}}: API Gateway puts the matched resource
   * in the event, never the raw path, so the metrics' dimension takes only the template's values.
   */
  private static String operation(ApiRequest request) {
    return request.resource() == null || request.method() == null
        ? null
        : request.method() + " " + request.resource();
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    Priming.run(() -> handleRequest(primingEvent(), null));
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: credentials come from the container endpoint per request, connections reopen.
  }

  private static APIGatewayProxyRequestEvent primingEvent() {
    APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setAuthorizer(Map.of(AuthorizerContext.USER_ID, Priming.USER_ID));
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody("{}")
        .withRequestContext(context);
  }

  private APIGatewayProxyResponseEvent toEvent(
      ApiResponse response, ApiRequest request, Map<String, String> baseHeaders) {
    Map<String, String> headers = new HashMap<>(baseHeaders);
    headers.putIfAbsent("Content-Type", "application/json");
    headers.putAll(cors.headersFor(request.header("Origin")));
    headers.putAll(response.headers());
    String body;
    if (response.body() instanceof ApiResponse.Text text) {
      body = text.content();
    } else {
      try {
        body = Json.MAPPER.writeValueAsString(response.body());
      } catch (JsonProcessingException e) {
        // Our own response types always serialize; reaching this is a programming error.
        throw new IllegalStateException("response body did not serialize", e);
      }
    }
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(response.status())
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false);
  }

  private static void logFault(Context context, RuntimeException e) {
    // The stack trace goes to the function's log for the operator; never the request body, which may hold a
    // password, and never into the response.
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String requestId = context == null ? "-" : context.getAwsRequestId();
    String line = "ERROR request_id=" + requestId + " unhandled " + trace;
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line);
    } else {
      System.err.println(line);
    }
  }
}
