package dev.taskapi.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Calls a stream handler as the Lambda runtime does: the event goes in as JSON bytes and the answer comes out as
 * JSON bytes. Tests build events with the {@code aws-lambda-java-events} types ({@link Requests}); they are
 * written as JSON with their own property names ({@code httpMethod}, {@code multiValueHeaders},
 * {@code isBase64Encoded}, absent parts as {@code null}), which is how API Gateway sends them.
 */
public final class Lambda {
  /** Plain Jackson, no naming strategy: the event types' getters are the proxy event's field names. */
  private static final ObjectMapper EVENTS =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Lambda() {}

  /** The proxy event as API Gateway's JSON. */
  public static byte[] json(Object event) {
    try {
      return EVENTS.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The proxy event as a JSON tree, as the handlers read it. */
  public static JsonNode tree(APIGatewayProxyRequestEvent event) {
    return EVENTS.valueToTree(event);
  }

  /** One invocation of an API function: the answer read back into the response type. */
  public static APIGatewayProxyResponseEvent invoke(
      RequestStreamHandler handler, APIGatewayProxyRequestEvent event, Context context) {
    try {
      return EVENTS.readValue(invokeRaw(handler, json(event), context), APIGatewayProxyResponseEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One invocation with any event: the answer as a JSON tree. */
  public static JsonNode invokeJson(RequestStreamHandler handler, Object event, Context context) {
    try {
      return EVENTS.readTree(invokeRaw(handler, json(event), context));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The raw bytes in and out. */
  public static byte[] invokeRaw(RequestStreamHandler handler, byte[] event, Context context) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output.toByteArray();
  }
}
