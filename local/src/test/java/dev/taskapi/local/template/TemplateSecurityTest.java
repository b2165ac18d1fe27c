package dev.taskapi.local.template;

import static dev.taskapi.local.template.ProjectTemplate.list;
import static dev.taskapi.local.template.ProjectTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security settings of template.yaml that only AWS acts on, checked where the local stack cannot show them. */
class TemplateSecurityTest {
  private final Map<String, Object> template = ProjectTemplate.parse();
  private final Map<String, Object> resources = map(template.get("Resources"));

  @Test
  void theWafRateRuleIsOffByDefaultAndCountsPerIp() {
    assertEquals(0, map(map(template.get("Parameters")).get("WafRateLimitPerIp")).get("Default"));
    assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "WafRateLimitPerIp"), 0)))),
        map(template.get("Conditions")).get("WafEnabled"));
    for (String waf : List.of("WafWebAcl", "WafWebAclAssociation")) {
      assertEquals("WafEnabled", map(resources.get(waf)).get("Condition"), waf);
    }
    Map<String, Object> rule = map(list(properties("WafWebAcl").get("Rules")).getFirst());
    Map<String, Object> rateBased = map(map(rule.get("Statement")).get("RateBasedStatement"));
    assertEquals("IP", rateBased.get("AggregateKeyType"));
    assertEquals(Map.of("Ref", "WafRateLimitPerIp"), rateBased.get("Limit"));
    assertEquals(Map.of("Block", Map.of()), rule.get("Action"));
  }

  @Test
  void theLoginFunctionMayWriteOnlyPasswordAttemptRecords() {
    List<Object> statements = list(map(list(properties("LoginFunction").get("Policies")).get(1)).get("Statement"));
    assertEquals("dynamodb:GetItem", map(statements.get(0)).get("Action"));
    Map<String, Object> writes = map(statements.get(1));
    assertEquals(List.of("dynamodb:UpdateItem", "dynamodb:DeleteItem"), writes.get("Action"));
    assertEquals(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("LOGIN#*"))),
        writes.get("Condition"));
  }

  @Test
  void theRoutesThatTakeCredentialsWithoutATokenHaveTighterThrottlingOfTheirOwn() {
    List<Object> settings = list(properties("TaskApi").get("MethodSettings"));
    Map<String, Object> perMethodDefault = map(settings.getFirst());
    assertEquals("/*", perMethodDefault.get("ResourcePath"));
    assertEquals("*", perMethodDefault.get("HttpMethod"));
    java.util.Set<String> tightened = new java.util.TreeSet<>();
    for (Object entry : settings.subList(1, settings.size())) {
      Map<String, Object> setting = map(entry);
      assertEquals(Map.of("Ref", "AuthRoutesRateLimit"), setting.get("ThrottlingRateLimit"));
      assertEquals(Map.of("Ref", "AuthRoutesBurstLimit"), setting.get("ThrottlingBurstLimit"));
      // AWS::ApiGateway::Stage MethodSetting: "/" after the first is written "~1" ("/auth/register" is
      // "/~1auth~1register"); an unencoded path would not match the resource and set nothing.
      String path = (String) setting.get("ResourcePath");
      assertTrue(path.matches("/~1[a-z~1-]+"), path);
      tightened.add(setting.get("HttpMethod") + " " + path.replace("~1", "/").substring(1));
    }
    java.util.Set<String> open = new java.util.TreeSet<>();
    resources.values().stream().map(ProjectTemplate::map)
        .filter(r -> "AWS::Serverless::Function".equals(r.get("Type")))
        .map(r -> map(r.get("Properties")).get("Events"))
        .filter(events -> events != null)
        .flatMap(events -> map(events).values().stream().map(e -> map(map(e).get("Properties"))))
        .filter(e -> e.get("Auth") instanceof Map<?, ?> auth && "NONE".equals(auth.get("Authorizer")))
        .filter(e -> "post".equals(e.get("Method")))
        .forEach(e -> open.add("POST " + e.get("Path")));
    assertEquals(open, tightened, "every unauthenticated POST route, and nothing else");
    Map<String, Object> parameters = map(template.get("Parameters"));
    assertEquals(10, map(parameters.get("AuthRoutesRateLimit")).get("Default"));
    for (String name : List.of("ThrottlingRateLimit", "ThrottlingBurstLimit")) {
      String description = (String) map(parameters.get(name)).get("Description");
      assertTrue(description.contains("EACH method") && !description.contains("Stage-wide"), description);
    }
  }

  @Test
  void theDeployerChoosesTheCorsOriginAndOnlyTheLocalStackDefaultsIt() {
    Map<String, Object> cors = map(map(template.get("Parameters")).get("CorsAllowOrigin"));
    assertTrue(!cors.containsKey("Default"), "no default origin ships: sam deploy --guided asks");
    java.util.regex.Pattern allowed = java.util.regex.Pattern.compile((String) cors.get("AllowedPattern"));
    for (String ok : List.of("none", "https://app.example.com", "http://localhost:3000")) {
      assertTrue(allowed.matcher(ok).matches(), ok);
    }
    for (String refused : List.of("*", "", "null", "https://a.example.com, https://b.example.com", "https://x/'")) {
      assertTrue(!allowed.matcher(refused).matches(), refused);
    }
    Map<String, Object> localDefaults = map(map(map(template.get("Metadata")).get("TaskApiLocal"))
        .get("ParameterDefaults"));
    assertEquals(Map.of("CorsAllowOrigin", "http://localhost:3000", "PasswordResetSender", "no-reply@taskapi.local",
        "PasswordResetUrl", "http://localhost:3000/reset-password"), localDefaults);
    for (String name : localDefaults.keySet()) {
      // The mail sender and the app's reset page, like the origin, are the deployer's to name.
      assertTrue(!map(map(template.get("Parameters")).get(name)).containsKey("Default"), name);
    }
  }

  @Test
  void theResetPageIsHttpsExceptOnTheLocalStacksLoopbackHost() {
    Map<String, Object> page = map(map(template.get("Parameters")).get("PasswordResetUrl"));
    java.util.regex.Pattern allowed = java.util.regex.Pattern.compile((String) page.get("AllowedPattern"));
    for (String ok : List.of("https://app.example.com/reset-password", "https://app.example.com:8443/r",
        "http://localhost:3000/reset-password", "http://127.0.0.1:3000/r", "http://[::1]/r")) {
      assertTrue(allowed.matcher(ok).matches(), ok);
    }
    // Plain http to any other host would carry a live reset token in clear.
    for (String refused : List.of("http://app.example.com/reset-password", "http://localhost.example.com/r",
        "http://localhost@app.example.com/r", "https://app.example.com/r?x=1", "https://app.example.com/r#t",
        "ftp://app.example.com/r")) {
      assertTrue(!allowed.matcher(refused).matches(), refused);
    }
  }

  @Test
  void failedLoginRecordsExpireThroughTheTablesTtl() {
    assertEquals(Map.of("AttributeName", "expires_at", "Enabled", true),
        properties("TasksTable").get("TimeToLiveSpecification"));
  }

  @Test
  void everyGatewayResponseCarriesTheSecurityHeaders() {
    Map<String, Object> responses = map(properties("TaskApi").get("GatewayResponses"));
    for (var response : responses.entrySet()) {
      Map<String, Object> headers = map(map(map(response.getValue()).get("ResponseParameters")).get("Headers"));
      assertEquals("'nosniff'", headers.get("X-Content-Type-Options"), response.getKey());
      assertEquals("'no-store'", headers.get("Cache-Control"), response.getKey());
      assertEquals("'DENY'", headers.get("X-Frame-Options"), response.getKey());
      assertTrue(String.valueOf(headers.get("Strict-Transport-Security")).startsWith("'max-age="), response.getKey());
    }
  }

  private Map<String, Object> properties(String resource) {
    return ProjectTemplate.properties(template, resource);
  }
}
