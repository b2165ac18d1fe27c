package dev.taskapi.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.Json;
import dev.taskapi.api.JsonBody;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.domain.DomainException;
import dev.taskapi.log.RequestLogLine;
import dev.taskapi.schema.AuthorizerContext;
import dev.taskapi.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.crac.Resource;

/**
 * The frame of every API function: read the proxy event, run {@link #handle}, and turn its result or its
 * {@link DomainException} into the HTTP response. Subclasses hold only their endpoint's logic, a few lines.
 *
 * <p>A {@link RequestStreamHandler}: the event's JSON is read into a tree and the response written with Jackson's
 * streaming layer ({@link JsonStreams}), so the runtime client never loads its own event serializer (about 850
 * classes, with a shaded Jackson, at every cold start; BENCHMARKS.md, cold start by phase) nor the event types'
 * Joda-Time, and bodies that are {@link JsonBody} write themselves, so no ObjectMapper is built either (about 570
 * classes, {@link JsonStreams}). The JSON is the contract, as API Gateway documents it: the request as
 * {@link ApiRequest} reads it, the response as "Output format of a Lambda function for proxy integration" (API
 * Gateway Developer Guide, set-up-lambda-proxy-integrations): {@code statusCode}, {@code headers}, {@code body},
 * {@code isBase64Encoded}.
 *
 * <p>Before a SnapStart snapshot it primes itself: one request with an empty JSON object body from a caller
 * that does not exist runs the whole path (event, Jackson, validation, the store for reads, problem and
 * response serialization), so every function gets this without code of its own. Writes are refused while
 * priming ({@link Priming}), so a handler that would accept that request changes nothing.
 */
public abstract class ApiHandler implements RequestStreamHandler, Resource {

  /**
   * Sent on every response (OWASP REST Security Cheat Sheet): bodies are per-user data, so no cache keeps them and
   * no browser sniffs them into another type, frames them or runs anything from them; HTTPS only, as API Gateway is;
   * and no page served here (the docs) tells another site its URL through Referer.
   */
  static final Map<String, String> BASE_HEADERS =
      Map.of(
          "Cache-Control", "no-store",
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
          "Referrer-Policy", "no-referrer");

  private final Cors cors;

  protected ApiHandler(Cors cors) {
    this.cors = cors;
    Priming.register(this);
  }

  /** The endpoint's logic. Throws {@link DomainException} for anything the caller must be told. */
  protected abstract ApiResponse handle(ApiRequest request);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    long start = System.nanoTime();
    // API Gateway always sends an object; the runtime passes its bytes as they came.
    JsonNode event = JsonStreams.readTree(input);
    respond(new ApiRequest(event), context, start).writeTo(output);
  }

  /** The proxy integration's answer, as API Gateway reads it. */
  private record Answer(int statusCode, Map<String, String> headers, String body) {
    void writeTo(OutputStream output) throws IOException {
      try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(output)) {
        json.writeStartObject();
        json.writeNumberField("statusCode", statusCode);
        json.writeFieldName("headers");
        json.writeStartObject();
        for (Map.Entry<String, String> header : headers.entrySet()) {
          json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
        json.writeStringField("body", body);
        json.writeBooleanField("isBase64Encoded", false);
        json.writeEndObject();
      }
    }
  }

  private Answer respond(ApiRequest request, Context context, long start) {
    ApiResponse response;
    Answer answer;
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
    Priming.run(() -> {
      try {
        handleRequest(new ByteArrayInputStream(PRIMING_EVENT), OutputStream.nullOutputStream(), null);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e); // in-memory streams: not reached
      }
    });
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: credentials come from the container endpoint per request, connections reopen.
  }

  /** A POST with an empty JSON object from a caller that does not exist, as API Gateway would send it. */
  private static final byte[] PRIMING_EVENT = ("{\"httpMethod\":\"POST\",\"headers\":{\"Content-Type\":"
      + "\"application/json\"},\"multiValueHeaders\":{\"Content-Type\":[\"application/json\"]},"
      + "\"queryStringParameters\":null,\"pathParameters\":null,\"body\":\"{}\",\"isBase64Encoded\":false,"
      + "\"requestContext\":{\"authorizer\":{\"" + AuthorizerContext.USER_ID + "\":\"" + Priming.USER_ID + "\"}}}")
      .getBytes(StandardCharsets.UTF_8);

  private Answer toEvent(ApiResponse response, ApiRequest request, Map<String, String> baseHeaders) {
    Map<String, String> headers = new HashMap<>(baseHeaders);
    headers.putIfAbsent("Content-Type", "application/json");
    headers.putAll(cors.headersFor(request.header("Origin")));
    headers.putAll(response.headers());
    String body;
    if (response.body() instanceof ApiResponse.Text text) {
      body = text.content();
    } else if (response.body() instanceof JsonBody json) {
      body = JsonBody.toJson(json);
    } else {
      // Any other body (the OpenAPI document's tree) through the mapper, built on its first such use.
      try {
        body = Json.MAPPER.writeValueAsString(response.body());
      } catch (JsonProcessingException e) {
        // Our own response types always serialize; reaching this is a programming error.
        throw new IllegalStateException("response body did not serialize", e);
      }
    }
    return new Answer(response.status(), headers, body);
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
