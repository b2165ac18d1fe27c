package dev.taskapi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The functions' copy of the gateway's 401 is template.yaml's {@code GatewayResponses.UNAUTHORIZED}: status, body and
 * every literal header. The template is parsed here, in test scope, so the functions' jars carry no YAML parser.
 */
class GatewayUnauthorizedTest {
  private static final Path TEMPLATE =
      Path.of(System.getProperty("user.dir")).resolve("../../template.yaml").normalize();

  @Test
  void theFunctionsUnauthorizedIsTheTemplatesGatewayResponse() throws IOException {
    // Jackson's YAML parser reads a CloudFormation short tag's scalar (!Sub "'${CorsAllowOrigin}'") as if untagged:
    // a value with a ${...} substitution is not a literal, and the function sends its own CORS headers instead.
    JsonNode unauthorized = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile())
        .path("Resources").path("TaskApi").path("Properties").path("GatewayResponses").path("UNAUTHORIZED");
    Map<String, String> literalHeaders = new HashMap<>();
    unauthorized.path("ResponseParameters").path("Headers").properties().forEach(header -> {
      String value = header.getValue().asText();
      if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'") && !value.contains("${")) {
        literalHeaders.put(header.getKey(), value.substring(1, value.length() - 1));
      }
    });
    ApiResponse response = GatewayUnauthorized.response();
    String fix = " differs from template.yaml's UNAUTHORIZED gateway response: change GatewayUnauthorized to match";
    assertEquals(unauthorized.path("StatusCode").asInt(), response.status(), "the status" + fix);
    assertEquals(unauthorized.path("ResponseTemplates").path("application/json").asText(),
        ((ApiResponse.Text) response.body()).content(), "the body" + fix);
    assertEquals(literalHeaders, response.headers(), "the headers" + fix);
  }
}
