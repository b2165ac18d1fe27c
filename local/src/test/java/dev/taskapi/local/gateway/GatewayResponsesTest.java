package dev.taskapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.http.Cors;
import dev.taskapi.local.template.GatewayResponseDef;
import dev.taskapi.local.template.TemplateLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayResponsesTest {
  private static final IncomingRequest REQUEST = new IncomingRequest("GET", "/x", null, "HTTP/1.1",
      List.of(Map.entry("Origin", "http://example.test")), new byte[0], "127.0.0.1");
  private static final Invocation CONTEXT =
      Invocation.received("req-1", "v1", REQUEST);

  private static String body(HttpReply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  private static String header(HttpReply reply, String name) {
    return reply.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  /** Every type the local gateway answers with, rendered from template.yaml, is readable by the allowed origin. */
  @Test
  void everyTypeRenderedFromTheTemplateCarriesTheCorsHeaders() {
    GatewayResponses responses = new GatewayResponses(
        TemplateLoader.load(Path.of("..", "template.yaml"), Map.of("CorsAllowOrigin", "https://app.example"), "us-east-1")
            .api().orElseThrow().gatewayResponses());
    for (GatewayResponseType type : GatewayResponseType.values()) {
      HttpReply reply = responses.render(type, type.defaultMessage(), CONTEXT);
      assertEquals("https://app.example", header(reply, "Access-Control-Allow-Origin"), type.name());
      assertEquals(Cors.EXPOSED_HEADERS, header(reply, "Access-Control-Expose-Headers"), type.name());
    }
  }

  @Test
  void apiGatewayDefaultsWithoutCustomisation() {
    GatewayResponses responses = new GatewayResponses(Map.of());
    HttpReply missing = responses.render(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN,
        "Missing Authentication Token", CONTEXT);
    assertEquals(403, missing.status());
    assertEquals("{\"message\":\"Missing Authentication Token\"}", body(missing));
    assertEquals("application/json", header(missing, "Content-Type"));
    assertEquals("MissingAuthenticationTokenException", header(missing, "x-amzn-ErrorType"));

    HttpReply failed = responses.render(GatewayResponseType.DEFAULT_5XX, "Internal server error", CONTEXT);
    assertEquals(502, failed.status());
    assertEquals("{\"message\": \"Internal server error\"}", body(failed));

    assertEquals("{\"message\":null}",
        body(responses.render(GatewayResponseType.AUTHORIZER_FAILURE, null, CONTEXT)));
  }

  @Test
  void specificCustomisationWithStatusHeadersAndTemplate() {
    GatewayResponses responses = new GatewayResponses(Map.of("UNAUTHORIZED", new GatewayResponseDef(Optional.of(499),
        Map.of("WWW-Authenticate", "'Bearer'", "Content-Type", "'application/problem+json'",
            "X-Origin", "method.request.header.origin"),
        Map.of("application/json", "{\"detail\":$context.error.messageString,\"id\":\"$context.requestId\"}"))));
    HttpReply reply = responses.render(GatewayResponseType.UNAUTHORIZED, "Unauthorized", CONTEXT);
    assertEquals(499, reply.status());
    assertEquals("Bearer", header(reply, "WWW-Authenticate"));
    assertEquals("application/problem+json", header(reply, "Content-Type"));
    assertEquals("http://example.test", header(reply, "X-Origin"));
    assertEquals("{\"detail\":\"Unauthorized\",\"id\":\"req-1\"}", body(reply));
  }

  @Test
  void fallsBackToDefaultClassKeepingTheTypesStatus() {
    GatewayResponses responses = new GatewayResponses(Map.of(
        "DEFAULT_4XX", new GatewayResponseDef(Optional.empty(), Map.of("Content-Type", "'application/problem+json'"),
            Map.of("application/json", "{\"detail\":$context.error.messageString,\"raw\":\"$context.error.message\"}")),
        "DEFAULT_5XX", new GatewayResponseDef(Optional.empty(), Map.of(),
            Map.of("application/json", "{\"title\":\"down\"}"))));
    HttpReply denied = responses.render(GatewayResponseType.ACCESS_DENIED, "say \"no\"", CONTEXT);
    assertEquals(403, denied.status());
    assertEquals("{\"detail\":\"say \\\"no\\\"\",\"raw\":\"say \"no\"\"}", body(denied));
    assertEquals("application/problem+json", header(denied, "Content-Type"));

    HttpReply timeout = responses.render(GatewayResponseType.INTEGRATION_TIMEOUT, "Endpoint request timed out",
        CONTEXT);
    assertEquals(504, timeout.status());
    assertEquals("{\"title\":\"down\"}", body(timeout));
  }
}
