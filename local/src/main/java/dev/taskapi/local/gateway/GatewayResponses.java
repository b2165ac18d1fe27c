package dev.taskapi.local.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.template.GatewayResponseDef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders API Gateway's own responses (errors it answers without reaching a function), customised by the
 * template's GatewayResponses the way API Gateway applies them.
 */
final class GatewayResponses {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER_PREFIX = "method.request.header.";
  private static final String QUERY_PREFIX = "method.request.querystring.";
  private static final String PATH_PREFIX = "method.request.path.";

  private final Map<String, GatewayResponseDef> customised;

  GatewayResponses(Map<String, GatewayResponseDef> customised) {
    this.customised = customised;
  }

  HttpReply render(GatewayResponseType type, String message, Invocation context) {
    // The specific type's customisation wins; else DEFAULT_4XX/5XX by the type's default status class.
    Optional<GatewayResponseDef> definition =
        Optional.ofNullable(customised.get(type.name()))
            .or(() -> Optional.ofNullable(customised.get(type.defaultClass(type.defaultStatus()))));
    int status = definition.flatMap(GatewayResponseDef::statusCode).orElse(type.defaultStatus());

    String template =
        definition.map(d -> d.templates().get("application/json")).orElse(type.defaultTemplate());
    byte[] body = substitute(template, type, message, context).getBytes(StandardCharsets.UTF_8);

    List<Map.Entry<String, String>> headers = new ArrayList<>();
    definition.ifPresent(
        d -> d.headers().forEach((name, expression) ->
            valueOf(expression, context).ifPresent(value -> headers.add(Map.entry(name, value)))));
    if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
      headers.add(Map.entry("Content-Type", "application/json"));
    }
    headers.add(Map.entry("x-amzn-ErrorType", type.errorType()));
    return new HttpReply(status, headers, body);
  }

  /** A header mapping: a quoted literal, or a value taken from the request. */
  private static Optional<String> valueOf(String expression, Invocation context) {
    String trimmed = expression.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
      return Optional.of(trimmed.substring(1, trimmed.length() - 1));
    }
    if (trimmed.startsWith(HEADER_PREFIX)) {
      return context.request().header(trimmed.substring(HEADER_PREFIX.length()));
    }
    if (trimmed.startsWith(QUERY_PREFIX)) {
      return Optional.ofNullable(context.queryParameters().get(trimmed.substring(QUERY_PREFIX.length())));
    }
    if (trimmed.startsWith(PATH_PREFIX)) {
      return Optional.ofNullable(context.pathParameters().get(trimmed.substring(PATH_PREFIX.length())));
    }
    return Optional.of(trimmed);
  }

  private static String substitute(
      String template, GatewayResponseType type, String message, Invocation context) {
    // Longest names first, so $context.error.messageString is not read as $context.error.message + "String".
    return template
        .replace("$context.error.messageString", jsonString(message))
        .replace("$context.error.message", message == null ? "" : message)
        .replace("$context.error.responseType", type.name())
        .replace("$context.extendedRequestId", context.requestId())
        .replace("$context.requestId", context.requestId())
        .replace("$context.resourcePath", context.resourcePath() == null ? "" : context.resourcePath())
        .replace("$context.httpMethod", context.request().method())
        .replace("$context.stage", context.stage());
  }

  private static String jsonString(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
