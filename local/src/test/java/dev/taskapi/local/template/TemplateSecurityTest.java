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

  /**
   * Security finding 2: the WAF rate rules are on by default, and a documented parameter turns them off. The first
   * counts each client IP's requests to the credential routes (exactly the unauthenticated POST routes, as the
   * stage's path shows them, behind the stage or a base path), the second its requests to any route; a client over
   * either gets API Gateway's WAF_FILTERED answer, customised to a 429 whose Retry-After is the window.
   */
  @Test
  void theWafRateRulesAreOnByDefaultAndLimitEachClientIpOnTheCredentialRoutes() {
    Map<String, Object> parameters = map(template.get("Parameters"));
    Map<String, Object> rulesSwitch = map(parameters.get("WafRateRules"));
    assertEquals("Enabled", rulesSwitch.get("Default"));
    assertEquals(List.of("Enabled", "Disabled"), rulesSwitch.get("AllowedValues"));
    assertTrue(String.valueOf(rulesSwitch.get("Description")).contains("Disabled: no web ACL"));
    assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "WafRateRules"), "Enabled")),
        map(template.get("Conditions")).get("WafEnabled"));
    for (String waf : List.of("WafWebAcl", "WafWebAclAssociation")) {
      assertEquals("WafEnabled", map(resources.get(waf)).get("Condition"), waf);
    }
    assertEquals(Map.of("Fn::GetAtt", List.of("WafWebAcl", "Arn")),
        properties("WafWebAclAssociation").get("WebACLArn"));
    assertEquals(Map.of("Allow", Map.of()), properties("WafWebAcl").get("DefaultAction"));

    List<Object> rules = list(properties("WafWebAcl").get("Rules"));
    assertEquals(2, rules.size());
    Map<String, Object> credentialRule = map(rules.get(0));
    Map<String, Object> everyRouteRule = map(rules.get(1));
    for (Map<String, Object> rule : List.of(credentialRule, everyRouteRule)) {
      assertEquals(Map.of("Block", Map.of()), rule.get("Action"), "no custom response: API Gateway's WAF_FILTERED");
      Map<String, Object> rate = map(map(rule.get("Statement")).get("RateBasedStatement"));
      assertEquals("IP", rate.get("AggregateKeyType"), "the connection's address: nothing forwards one in front");
      assertEquals(Map.of("Ref", "WafEvaluationWindowSec"), rate.get("EvaluationWindowSec"));
    }
    assertEquals(0, credentialRule.get("Priority"));
    Map<String, Object> credentialRate = map(map(credentialRule.get("Statement")).get("RateBasedStatement"));
    assertEquals(Map.of("Ref", "WafCredentialRoutesLimitPerIp"), credentialRate.get("Limit"));
    Map<String, Object> regex = map(map(credentialRate.get("ScopeDownStatement")).get("RegexMatchStatement"));
    assertEquals(Map.of("UriPath", Map.of()), regex.get("FieldToMatch"));
    assertEquals(List.of(Map.of("Priority", 0, "Type", "URL_DECODE")), regex.get("TextTransformations"));
    java.util.regex.Pattern scope = java.util.regex.Pattern.compile((String) regex.get("RegexString"));
    java.util.Set<String> allPaths = new java.util.TreeSet<>();
    routes().forEach(route -> allPaths.add((String) route.get("Path")));
    java.util.Set<String> openPostPaths = new java.util.TreeSet<>();
    openPostRoutes().forEach(route -> openPostPaths.add(route.substring("POST ".length())));
    for (String path : allPaths) {
      String sent = "/v1" + path.replace("{task_id}", "0b0c").replace("{proxy+}", "swagger-ui.css");
      assertEquals(openPostPaths.contains(path), scope.matcher(sent).find(), sent);
    }
    assertTrue(!openPostPaths.isEmpty() && scope.matcher("/base/auth/refresh/").find());
    assertEquals(Map.of("Ref", "WafRateLimitPerIp"),
        map(map(everyRouteRule.get("Statement")).get("RateBasedStatement")).get("Limit"));
    assertTrue(!map(map(everyRouteRule.get("Statement")).get("RateBasedStatement")).containsKey("ScopeDownStatement"));

    int credentialLimit = (Integer) map(parameters.get("WafCredentialRoutesLimitPerIp")).get("Default");
    assertTrue(credentialLimit >= 10 && (Integer) map(parameters.get("WafRateLimitPerIp")).get("Default") >= 10,
        "AWS WAF's lowest limit is 10");
    assertTrue(credentialLimit < (Integer) map(parameters.get("AuthRoutesBurstLimit")).get("Default"),
        "one client's whole allowance, sent at once, cannot empty the credential routes' shared bucket");
    assertEquals(List.of(60, 120, 300, 600), map(parameters.get("WafEvaluationWindowSec")).get("AllowedValues"));

    Map<String, Object> filtered = map(map(properties("TaskApi").get("GatewayResponses")).get("WAF_FILTERED"));
    assertEquals(429, filtered.get("StatusCode"));
    Map<String, Object> headers = map(map(filtered.get("ResponseParameters")).get("Headers"));
    assertEquals(Map.of("Fn::Sub", "'${WafEvaluationWindowSec}'"), headers.get("Retry-After"));
    assertEquals("'application/problem+json'", headers.get("Content-Type"));
  }

  /** The Api events of every function: {@code Path}, {@code Method}, {@code Auth}. */
  private java.util.stream.Stream<Map<String, Object>> routes() {
    return resources.values().stream().map(ProjectTemplate::map)
        .filter(r -> "AWS::Serverless::Function".equals(r.get("Type")))
        .map(r -> map(r.get("Properties")).get("Events"))
        .filter(events -> events != null)
        .flatMap(events -> map(events).values().stream()
            .filter(e -> "Api".equals(map(e).get("Type"))) // not the stream's or the queue's events
            .map(e -> map(map(e).get("Properties"))));
  }

  /** {@code POST <path>} of every route that takes no token. */
  private java.util.Set<String> openPostRoutes() {
    java.util.Set<String> open = new java.util.TreeSet<>();
    routes()
        .filter(e -> e.get("Auth") instanceof Map<?, ?> auth && "NONE".equals(auth.get("Authorizer")))
        .filter(e -> "post".equals(e.get("Method")))
        .forEach(e -> open.add("POST " + e.get("Path")));
    return open;
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

  /**
   * Security finding 8: every grant that writes the table (an item write, a batch write or a transaction's
   * condition check) names the partition-key prefixes it may write, and each prefix is one the code defines (the
   * key schema in core, and the priming key): the template cannot drift from the code's prefixes unseen.
   */
  @Test
  void everyWriteGrantIsConfinedToKeyPrefixesTheCodeDefines() {
    java.util.Set<String> writes = java.util.Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");
    java.util.Set<String> definedPatterns = java.util.stream.Stream.of(dev.taskapi.schema.UserItem.PARTITION_PREFIX,
            dev.taskapi.schema.TaskItem.PARTITION_PREFIX, dev.taskapi.schema.SessionItem.PARTITION_PREFIX,
            dev.taskapi.schema.LoginItem.PARTITION_PREFIX, dev.taskapi.schema.PasswordResetItem.PARTITION_PREFIX,
            dev.taskapi.schema.PasswordResetItem.MAIL_WINDOW_PREFIX, dev.taskapi.store.dynamodb.TablePrimer.KEY_PREFIX)
        .map(prefix -> prefix + "*").collect(java.util.stream.Collectors.toSet());
    int writeGrants = 0;
    for (var resource : resources.entrySet()) {
      if (!"AWS::Serverless::Function".equals(map(resource.getValue()).get("Type"))) {
        continue;
      }
      Object policies = map(map(resource.getValue()).get("Properties")).get("Policies");
      for (Object policy : policies == null ? List.of() : list(policies)) {
        Object statements = policy instanceof Map<?, ?> document ? document.get("Statement") : null;
        for (Object statement : statements == null ? List.of() : list(statements)) {
          Object action = map(statement).get("Action");
          List<?> actions = action instanceof List<?> several ? several : List.of(action);
          if (actions.stream().noneMatch(writes::contains)) {
            continue;
          }
          writeGrants++;
          String where = resource.getKey() + " " + actions;
          Map<String, Object> condition = map(map(statement).get("Condition"));
          assertTrue(condition != null, where + " writes without dynamodb:LeadingKeys");
          List<Object> patterns = list(map(condition.get("ForAllValues:StringLike")).get("dynamodb:LeadingKeys"));
          assertTrue(!patterns.isEmpty() && definedPatterns.containsAll(patterns),
              where + " names " + patterns + "; the code's prefixes are " + definedPatterns);
        }
      }
    }
    assertTrue(writeGrants >= 15, "every function that writes was looked at: " + writeGrants);
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
    assertEquals(openPostRoutes(), tightened, "every unauthenticated POST route, and nothing else");
    Map<String, Object> parameters = map(template.get("Parameters"));
    // Per client, the WAF rule limits these routes; the shared limit is the backstop against many sources.
    assertEquals(50, map(parameters.get("AuthRoutesRateLimit")).get("Default"));
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
        "PasswordResetUrl", "http://localhost:3000/reset-password", "WebhookReceivers", "PublicHttpsAndLoopback"),
        localDefaults);
    for (String name : List.of("CorsAllowOrigin", "PasswordResetSender", "PasswordResetUrl")) {
      // The mail sender and the app's reset page, like the origin, are the deployer's to name.
      assertTrue(!map(map(template.get("Parameters")).get(name)).containsKey("Default"), name);
    }
  }

  @Test
  void webhooksReachLoopbackOnlyWhereTheDeployerOrTheLocalStackChoosesIt() {
    Map<String, Object> receivers = map(map(template.get("Parameters")).get("WebhookReceivers"));
    // A Default, so that a stack from before webhooks updates with a plain sam deploy; the safe one.
    assertEquals("PublicHttps", receivers.get("Default"));
    assertEquals(List.of("PublicHttps", "PublicHttpsAndLoopback"), receivers.get("AllowedValues"));
    assertEquals("PublicHttpsAndLoopback", TemplateLoader.load(ProjectTemplate.PATH, Map.of(), "us-east-1")
        .function("CreateWebhookFunction").environment().get("WEBHOOK_RECEIVERS"),
        "the local stack's own value wins over the Default");
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
      // ASVS 14.4.6: no URL of ours reaches another site through Referer, from the gateway's own answers either.
      assertEquals("'no-referrer'", headers.get("Referrer-Policy"), response.getKey());
    }
  }

  private Map<String, Object> properties(String resource) {
    return ProjectTemplate.properties(template, resource);
  }
}
