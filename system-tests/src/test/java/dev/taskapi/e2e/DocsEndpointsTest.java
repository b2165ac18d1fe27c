package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient.Response;
import org.junit.jupiter.api.Test;

/** The API documents itself over HTTP, without a token: the contract as JSON, and Swagger UI from the webjar. */
class DocsEndpointsTest {
  private final ApiClient api = LocalApi.shared().client();

  @Test
  void theContractIsServedAsJsonWithServersPointingAtThisDeployment() {
    Response response = api.send("GET", "/openapi.json", null);
    assertEquals(200, response.status(), response.text());
    assertTrue(response.contentType().startsWith("application/json"), response.contentType());
    // Locally the URL has no stage segment, so "Try it out" must call the same origin's root.
    assertEquals("/", response.json().at("/servers/0/url").asText());
    assertEquals(1, response.json().get("servers").size());
    for (OpenApiContract.Operation operation : OpenApiContract.operations()) {
      assertTrue(
          response.json().path("paths").path(operation.path()).has(operation.method().toLowerCase()),
          operation.toString());
    }
  }

  @Test
  void theDocsPageAndItsFilesAreServedWithoutAToken() {
    Response page = api.send("GET", "/docs", null);
    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.text().contains("docs/swagger-ui-bundle.js"), page.text());

    Response bundle = api.send("GET", "/docs/swagger-ui-bundle.js", null);
    assertEquals(200, bundle.status());
    assertTrue(bundle.contentType().startsWith("text/javascript"), bundle.contentType());
    assertTrue(bundle.text().length() > 1_000_000, "the whole bundle: " + bundle.text().length());

    assertEquals(404, api.send("GET", "/docs/index.html", null).status());
    assertEquals(404, api.send("GET", "/docs/a/b", null).status());
  }
}
