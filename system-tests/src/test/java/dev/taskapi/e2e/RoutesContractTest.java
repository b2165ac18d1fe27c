package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.local.template.ApiEventDef;
import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The routes template.yaml deploys and the operations openapi.yaml documents are the same set. */
class RoutesContractTest {
  @Test
  void everyDeployedRouteIsDocumentedAndEveryDocumentedOperationIsDeployed() {
    Set<String> deployed = new TreeSet<>();
    SamTemplate template = TemplateLoader.load(LocalApi.TEMPLATE, Map.of(), "us-east-1");
    for (FunctionDef function : template.functions().values()) {
      for (ApiEventDef event : function.apiEvents()) {
        deployed.add(route(event.method(), event.path()));
      }
    }
    Set<String> documented = new TreeSet<>();
    OpenApiContract.operations().forEach(operation -> documented.add(route(operation.method(), operation.path())));
    assertEquals(deployed, documented, "template.yaml routes (expected) vs openapi.yaml operations (actual)");
  }

  @Test
  void parameterNamesDoNotMatterButLiteralSegmentsDo() {
    assertEquals("GET /docs/{}", route("get", "/docs/{proxy+}"));
    assertEquals(route("DELETE", "/tasks/{task_id}"), route("delete", "/tasks/{id}"));
    assertEquals("GET /tasks", route("GET", "/tasks"));
  }

  /**
   * {@code METHOD /path} with every path parameter written {@code {}}: {@code /docs/{proxy+}} in API Gateway is
   * {@code /docs/{file}} in OpenAPI, which has no greedy parameters.
   */
  static String route(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
  }
}
