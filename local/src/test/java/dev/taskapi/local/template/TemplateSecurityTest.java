package dev.taskapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security settings of template.yaml that only AWS acts on, checked where the local stack cannot show them. */
class TemplateSecurityTest {
  private final Map<String, Object> template = parse();
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
    return map(map(resources.get(resource)).get("Properties"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  private static Map<String, Object> parse() {
    try {
      return CfnYaml.parse(Files.readString(Path.of("..", "template.yaml")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
