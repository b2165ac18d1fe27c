package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.http.Cors;
import dev.taskapi.local.template.ApiEventDef;
import dev.taskapi.local.template.AuthorizerDef;
import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.local.template.RestApiDef;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** template.yaml is what gets deployed: check it names real handlers, every route, the authorizer and responses. */
class TemplateContractTest {
  private final SamTemplate template = TemplateLoader.load(LocalApi.TEMPLATE, Map.of(), "us-east-1");
  private final RestApiDef api = template.api().orElseThrow();

  /** The API's routes: method and path, to the function that serves it. */
  private static final Map<String, String> ROUTES =
      Map.ofEntries(
          Map.entry("POST /auth/register", "RegisterFunction"),
          Map.entry("POST /auth", "LoginFunction"),
          Map.entry("GET /auth/me", "GetAccountFunction"),
          Map.entry("DELETE /auth/me", "DeleteAccountFunction"),
          Map.entry("POST /auth/password", "ChangePasswordFunction"),
          Map.entry("POST /auth/refresh", "RefreshFunction"),
          Map.entry("POST /auth/logout", "LogoutFunction"),
          Map.entry("POST /auth/password-reset", "PasswordResetFunction"),
          Map.entry("POST /auth/password-reset/confirm", "PasswordResetConfirmFunction"),
          Map.entry("POST /tasks", "CreateTaskFunction"),
          Map.entry("GET /tasks", "ListTasksFunction"),
          Map.entry("DELETE /tasks/{task_id}", "DeleteTaskFunction"),
          Map.entry("GET /tasks/{task_id}", "GetTaskFunction"),
          Map.entry("PATCH /tasks/{task_id}", "UpdateTaskFunction"),
          Map.entry("POST /tasks/{task_id}/move", "MoveTaskFunction"),
          Map.entry("GET /sync", "SyncFunction"),
          Map.entry("POST /batch", "BatchFunction"),
          Map.entry("POST /lists", "CreateListFunction"),
          Map.entry("GET /lists", "ListListsFunction"),
          Map.entry("GET /lists/{list_id}", "GetListFunction"),
          Map.entry("PATCH /lists/{list_id}", "UpdateListFunction"),
          Map.entry("DELETE /lists/{list_id}", "DeleteListFunction"),
          Map.entry("POST /webhooks", "CreateWebhookFunction"),
          Map.entry("GET /webhooks", "ListWebhooksFunction"),
          Map.entry("DELETE /webhooks/{webhook_id}", "DeleteWebhookFunction"),
          Map.entry("POST /webhooks/{webhook_id}/test", "TestWebhookFunction"),
          Map.entry("GET /openapi.json", "OpenApiFunction"),
          Map.entry("GET /docs", "DocsFunction"),
          Map.entry("GET /docs/{proxy+}", "DocsFunction"));

  /**
   * Every handler is a stream handler that reads the event's JSON itself, so the runtime client never loads its
   * event serializer; and no artifact carries the event types or the Joda-Time that serializer would need.
   */
  @Test
  void everyHandlerClassExistsAndIsAStreamHandler() throws Exception {
    for (FunctionDef function : template.functions().values()) {
      // From the function's own artifact, as Lambda loads it (so its classes, not this test classpath's).
      try (URLClassLoader code = new URLClassLoader(
          new URL[] {function.codeUri().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
        Class<?> handler = Class.forName(function.handlerClass(), false, code);
        assertEquals("handleRequest", function.handlerMethod(), function.logicalId());
        Class<?> stream = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, code);
        assertTrue(stream.isAssignableFrom(handler), function.logicalId() + " is a RequestStreamHandler");
        for (String absent : new String[] {
            "com/amazonaws/services/lambda/runtime/events/APIGatewayProxyRequestEvent.class",
            "org/joda/time/DateTime.class"}) {
          assertEquals(null, code.findResource(absent), function.logicalId() + " ships " + absent);
        }
      }
      // Under API Gateway's 29 s integration timeout for an endpoint; Lambda's 900 s for the others.
      int limit = function.apiEvents().isEmpty() ? 900 : 28;
      assertTrue(function.timeoutSeconds() > 0 && function.timeoutSeconds() <= limit, function.logicalId());
    }
  }

  /**
   * No function's artifact carries a YAML parser or the template, except the docs functions' (OpenApiHandler serves
   * openapi.yaml, which it parses): the functions answer the gateway's 401 from constants (GatewayUnauthorized), so
   * 615 KB of SnakeYAML and jackson-dataformat-yaml, and the 85 KB template, stay out of the API's jars.
   */
  @Test
  void onlyTheDocsFunctionsJarCarriesYaml() throws IOException {
    Path docsJar =
        LocalApi.TEMPLATE.toAbsolutePath().getParent().resolve("functions/docs/target/function.jar").normalize();
    Set<String> checked = new TreeSet<>();
    for (FunctionDef function : template.functions().values()) {
      List<String> yaml;
      try (ZipFile jar = new ZipFile(function.codeUri().toFile())) {
        yaml = jar.stream().map(ZipEntry::getName)
            .filter(name -> name.startsWith("org/yaml/") || name.startsWith("com/fasterxml/jackson/dataformat/yaml/")
                || name.equals("template.yaml"))
            .toList();
      }
      if (function.codeUri().toAbsolutePath().normalize().equals(docsJar)) {
        assertTrue(yaml.stream().anyMatch(name -> name.startsWith("org/yaml/")), "the docs jar parses openapi.yaml");
        assertTrue(!yaml.contains("template.yaml"), function.logicalId() + " ships template.yaml");
      } else {
        assertEquals(List.of(), yaml, function.logicalId() + " ships YAML");
        checked.add(function.logicalId());
      }
    }
    assertTrue(checked.contains("AuthorizerFunction") && checked.contains("GetTaskFunction"), checked.toString());
  }

  @Test
  void everyRouteMapsToItsFunctionAndOnlyTheAuthAndDocsRoutesAreOpen() {
    Map<String, String> actual = new java.util.HashMap<>();
    Set<String> open = new TreeSet<>();
    for (FunctionDef function : template.functions().values()) {
      for (ApiEventDef event : function.apiEvents()) {
        String route = event.method() + " " + event.path();
        actual.put(route, function.logicalId());
        if (event.authorizer().isEmpty()) {
          open.add(route);
        }
      }
    }
    assertEquals(ROUTES, actual);
    assertEquals(
        Set.of("POST /auth", "POST /auth/register", "POST /auth/refresh", "POST /auth/password-reset",
            "POST /auth/password-reset/confirm", "GET /openapi.json", "GET /docs", "GET /docs/{proxy+}"), open);
  }

  @Test
  void theTokenAuthorizerIsCachedAndValidatesTheBearerShape() {
    assertEquals(1, api.authorizers().size());
    AuthorizerDef authorizer = api.authorizers().values().iterator().next();
    assertEquals("AuthorizerFunction", authorizer.functionLogicalId());
    assertEquals("Authorization", authorizer.identityHeader());
    assertEquals(60, authorizer.reauthorizeEverySeconds(), "the bound on a revoked token (SECURITY.md)");
    String expression = authorizer.validationExpression().orElseThrow();
    assertTrue("Bearer a.b.c".matches(expression));
    assertTrue(!"bearer a.b.c".matches(expression) && !"a.b.c".matches(expression));
  }

  @Test
  void gatewayErrorsAreProblemJsonAndUnknownRoutesAre404() {
    for (String type :
        new String[] {"UNAUTHORIZED", "ACCESS_DENIED", "MISSING_AUTHENTICATION_TOKEN", "REQUEST_TOO_LARGE", "THROTTLED",
            "DEFAULT_4XX", "DEFAULT_5XX"}) {
      var response = api.gatewayResponses().get(type);
      assertTrue(response != null, type);
      assertEquals("'application/problem+json'", response.headers().get("Content-Type"), type);
      assertTrue(response.templates().get("application/json").contains("\"type\""), type);
    }
    assertEquals(Optional.of(404), api.gatewayResponses().get("MISSING_AUTHENTICATION_TOKEN").statusCode());
    assertEquals("'Bearer'", api.gatewayResponses().get("UNAUTHORIZED").headers().get("WWW-Authenticate"));
  }

  /**
   * Every gateway response the template customises, DEFAULT_4XX and DEFAULT_5XX among them (the fallback of every
   * other type: AWS docs, "Gateway response types for API Gateway"), lets the allowed origin read it and the same
   * response headers the functions expose.
   */
  @Test
  void everyGatewayResponseCarriesTheCorsHeadersOfTheFunctions() {
    assertTrue(api.gatewayResponses().keySet().containsAll(Set.of("DEFAULT_4XX", "DEFAULT_5XX")));
    api.gatewayResponses().forEach((type, response) -> {
      assertEquals("'http://localhost:3000'", response.headers().get("Access-Control-Allow-Origin"), type);
      assertEquals("'" + Cors.EXPOSED_HEADERS + "'", response.headers().get("Access-Control-Expose-Headers"), type);
    });
  }
}
