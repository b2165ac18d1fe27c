package dev.taskapi.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway's own 401, as template.yaml defines it (the TaskApi's {@code GatewayResponses.UNAUTHORIZED}): the
 * functions answer an expired token that the authorizer's cache let through with exactly what the gateway answers
 * any other bad token. The template is packaged into the shared jar and read here, so there is one definition of
 * that answer, never a copy to keep in step. Only literal header values ({@code 'Bearer'}) apply: a function has
 * no request mapping to resolve; CORS headers come from the function's own {@link Cors}.
 */
final class GatewayUnauthorized {
  private static final String TEMPLATE = "/template.yaml";

  private GatewayUnauthorized() {}

  /** The template's UNAUTHORIZED response; read once, on the first expired token. */
  static ApiResponse response() {
    return Holder.RESPONSE;
  }

  /** Loaded lazily: most instances never see an expired token and never parse the template. */
  private static final class Holder {
    private static final ApiResponse RESPONSE = read();
  }

  private static ApiResponse read() {
    JsonNode unauthorized;
    try (InputStream in = GatewayUnauthorized.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is not packaged with the function");
      }
      // CloudFormation's short tags (!Ref, !Sub...) are ignored by Jackson's YAML parser; only literals are used.
      unauthorized =
          new ObjectMapper(new YAMLFactory())
              .readTree(in)
              .path("Resources")
              .path("TaskApi")
              .path("Properties")
              .path("GatewayResponses")
              .path("UNAUTHORIZED");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    unauthorized
        .path("ResponseParameters")
        .path("Headers")
        .properties()
        .forEach(
            header -> {
              String value = header.getValue().asText();
              if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                headers.put(header.getKey(), value.substring(1, value.length() - 1));
              }
            });
    String body = unauthorized.path("ResponseTemplates").path("application/json").asText();
    int status = unauthorized.path("StatusCode").asInt(0);
    if (status != 401 || body.isEmpty()) {
      throw new IllegalStateException("template.yaml defines no UNAUTHORIZED gateway response with a 401 body");
    }
    return new ApiResponse(status, new ApiResponse.Text(body), headers);
  }
}
