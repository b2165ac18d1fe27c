package dev.taskapi.docs;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.testing.CapturingContext;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import org.junit.jupiter.api.Test;

/** The two documentation functions, on the real packaged resources (openapi.yaml and the Swagger UI webjar). */
class DocsHandlersTest {
  private static final OpenApiHandler OPENAPI = new OpenApiHandler();
  private static final DocsHandler DOCS = new DocsHandler();

  /** A GET as API Gateway delivers it when the client called {@code fullPath} for resource path {@code path}. */
  private static APIGatewayProxyRequestEvent get(String path, String fullPath) {
    ProxyRequestContext context = new ProxyRequestContext();
    context.setPath(fullPath);
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("GET")
        .withPath(path)
        .withResource(path)
        .withRequestContext(context);
  }

  private static String serverUrl(APIGatewayProxyRequestEvent event) {
    JsonNode spec = assertJson(Lambda.invoke(OPENAPI, event, new CapturingContext()), 200);
    assertEquals(1, spec.get("servers").size(), spec.get("servers").toString());
    return spec.get("servers").get(0).get("url").asText();
  }

  @Test
  void servedContractIsTheRepositoryFileWithServersWhereItWasFetched() {
    // execute-api URL: /v1/openapi.json. Locally, or on a custom domain without base path: /openapi.json.
    assertEquals("/v1", serverUrl(get("/openapi.json", "/v1/openapi.json")));
    assertEquals("/", serverUrl(get("/openapi.json", "/openapi.json")));
    assertEquals("/", serverUrl(get("/openapi.json", null)));

    JsonNode spec = assertJson(Lambda.invoke(OPENAPI, get("/openapi.json", "/openapi.json"), null), 200);
    assertTrue(spec.get("openapi").asText().startsWith("3."));
    assertTrue(spec.at("/paths/~1auth~1register/post").isObject(), "register documented");
    assertEquals("registerUser", spec.at("/paths/~1auth~1register/post/operationId").asText());
  }

  @Test
  void docsPageLoadsItsFilesByRelativeUrlsAndNoInlineScript() {
    APIGatewayProxyResponseEvent page = Lambda.invoke(DOCS, get("/docs", "/v1/docs"), null);
    assertEquals(200, page.getStatusCode());
    assertEquals("text/html; charset=utf-8", page.getHeaders().get("Content-Type"));
    String html = page.getBody();
    assertTrue(html.contains("src=\"docs/swagger-ui-bundle.js\""), html);
    assertTrue(html.contains("src=\"docs/init.js\""), html);
    assertTrue(html.contains("href=\"docs/swagger-ui.css\""), html);
    assertTrue(!html.contains("http://") && !html.contains("https://"), "no CDN, no absolute URL");
    assertTrue(!html.matches("(?s).*<script>.*"), "no inline script");
    String policy = page.getHeaders().get("Content-Security-Policy");
    assertTrue(policy.contains("script-src 'self';") && policy.contains("frame-ancestors 'none'"), policy);
  }

  @Test
  void docsFilesComeFromTheWebjarWithTheirMediaTypes() {
    APIGatewayProxyResponseEvent bundle = Lambda.invoke(DOCS, file("swagger-ui-bundle.js"), null);
    assertEquals(200, bundle.getStatusCode());
    assertEquals("text/javascript; charset=utf-8", bundle.getHeaders().get("Content-Type"));
    assertTrue(bundle.getBody().contains("SwaggerUIBundle"));
    assertTrue(bundle.getHeaders().get("Cache-Control").startsWith("public"));

    APIGatewayProxyResponseEvent css = Lambda.invoke(DOCS, file("swagger-ui.css"), null);
    assertEquals("text/css; charset=utf-8", css.getHeaders().get("Content-Type"));
    assertTrue(css.getBody().contains(".swagger-ui"));

    assertTrue(Lambda.invoke(DOCS, file("init.js"), null).getBody().contains("openapi.json"));
  }

  @Test
  void anyOtherDocsPathIsAProblem404() {
    for (String name : new String[] {"index.html", "../openapi.yaml", "swagger-ui.js", "META-INF/MANIFEST.MF", ""}) {
      assertProblem(Lambda.invoke(DOCS, file(name), null), 404);
    }
  }

  private static APIGatewayProxyRequestEvent file(String name) {
    return Requests.withPath(get("/docs/" + name, "/docs/" + name).withResource("/docs/{proxy+}"), "proxy", name);
  }
}
