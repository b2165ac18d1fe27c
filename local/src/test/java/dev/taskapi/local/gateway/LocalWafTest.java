package dev.taskapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.lambda.LambdaLimits;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateException;
import dev.taskapi.local.template.TemplateLoader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template's AWS WAF web ACL on the local gateway, over real HTTP: a rate-based rule per client IP, scoped down
 * to some paths, answered with the WAF_FILTERED gateway response. Clients come from different loopback addresses
 * (Linux routes all of 127.0.0.0/8 to the loopback interface), so each is a client IP of its own.
 */
class LocalWafTest {
  private static final String WAF = """
        Waf:
          Type: AWS::WAFv2::WebACL
          Condition: WafOn
          Properties:
            Scope: REGIONAL
            DefaultAction: {Allow: {}}
            VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: waf}
            Rules:
              - Name: Everything
                Priority: 1
                Action: {Block: {}}
                Statement:
                  RateBasedStatement: {AggregateKeyType: IP, Limit: 15, EvaluationWindowSec: 60}
                VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: all}
              - Name: Public
                Priority: 0
                Action: {Block: {}}
                Statement:
                  RateBasedStatement:
                    AggregateKeyType: IP
                    Limit: !Ref PublicLimit
                    EvaluationWindowSec: !Ref Window
                    ScopeDownStatement:
                      RegexMatchStatement:
                        FieldToMatch: {UriPath: {}}
                        RegexString: "/public/?$"
                        TextTransformations: [{Priority: 0, Type: URL_DECODE}]
                VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: public}
        WafAssociation:
          Type: AWS::WAFv2::WebACLAssociation
          Condition: WafOn
          Properties:
            ResourceArn: !Sub "arn:aws:apigateway:${AWS::Region}::/restapis/${TestApi}/stages/test"
            WebACLArn: !GetAtt Waf.Arn
      """;
  private static final String PARAMETERS = """
      Parameters:
        Waf:
          Type: String
          Default: "on"
          AllowedValues: ["on", "off"]
        PublicLimit:
          Type: Number
          Default: 10
        Window:
          Type: Number
          Default: 120
      """;

  private static SamTemplate template(Map<String, String> overrides) throws Exception {
    return TemplateLoader.parse(templateWith(WAF), overrides, "us-east-1");
  }

  /** The test template with {@code waf}'s resources and their parameters and condition. */
  private static String templateWith(String waf) throws Exception {
    return Files.readString(TestTemplates.testTemplate())
        .replace("../../../test-functions/target/function.jar", "test-functions/target/function.jar")
        .replace("\nParameters:\n", "\n" + PARAMETERS)
        .replace("\nConditions:\n", "\nConditions:\n  WafOn: !Equals [!Ref Waf, \"on\"]\n")
        .replace("\nResources:\n", "\nResources:\n" + waf);
  }

  private static HttpResponse<String> post(HttpClient client, LocalApiGateway gateway, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient clientFrom(String loopbackAddress) throws Exception {
    return HttpClient.newBuilder().localAddress(InetAddress.getByName(loopbackAddress)).build();
  }

  @Test
  void oneClientOverTheScopedLimitIsBlockedWhileAnotherIsNotUntilTheWindowHasPassed() throws Exception {
    MutableClock clock = new MutableClock();
    SamTemplate template = template(Map.of());
    assertEquals(10, template.webAcl().orElseThrow().rules().getFirst().limit(), "the limit comes from the template");
    try (LambdaFunctions functions = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template),
            LambdaLimits.AWS);
        LocalApiGateway gateway = LocalApiGateway.start(template, functions, new InetSocketAddress("127.0.0.1", 0),
            clock, LocalApiGateway.INTEGRATION_TIMEOUT);
        HttpClient a = clientFrom("127.0.0.2");
        HttpClient b = clientFrom("127.0.0.3")) {
      for (int i = 0; i < 10; i++) {
        assertEquals(200, post(a, gateway, "/public").statusCode(), "request " + (i + 1) + " is within the limit");
      }
      HttpResponse<String> blocked = post(a, gateway, "/public");
      // WAF_FILTERED, which this template does not customise: its DEFAULT_4XX with the type's own 403 and message.
      assertEquals(403, blocked.statusCode(), blocked.body());
      assertEquals("{\"title\":\"Client error\",\"detail\":\"Forbidden\"}", blocked.body());
      assertEquals("ForbiddenException", blocked.headers().firstValue("x-amzn-ErrorType").orElseThrow());
      // URL-decoded before the scope-down's regex: an escaped path is the same route, and counted.
      assertEquals(403, post(a, gateway, "/publi%63").statusCode());
      assertEquals(200, post(b, gateway, "/public").statusCode(), "another client IP has a count of its own");
      // Outside the scope-down, only the rule for every path counts A: 12 of its 15 so far (blocked ones too).
      assertEquals(404, post(a, gateway, "/elsewhere").statusCode());

      clock.advance(Duration.ofSeconds(119));
      assertEquals(403, post(a, gateway, "/public").statusCode(), "still within the 120-second window");
      clock.advance(Duration.ofSeconds(121));
      assertEquals(200, post(a, gateway, "/public").statusCode(), "the window has passed");
    }
  }

  @Test
  void theRuleForEveryPathCountsWhatTheScopedRuleLetThrough() throws Exception {
    SamTemplate template = template(Map.of("PublicLimit", "1000"));
    try (LambdaFunctions functions = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template),
            LambdaLimits.AWS);
        LocalApiGateway gateway = LocalApiGateway.start(template, functions, new InetSocketAddress("127.0.0.1", 0),
            new MutableClock(), LocalApiGateway.INTEGRATION_TIMEOUT);
        HttpClient a = clientFrom("127.0.0.4")) {
      for (int i = 0; i < 15; i++) {
        assertTrue(post(a, gateway, i % 2 == 0 ? "/public" : "/nowhere").statusCode() != 403, "request " + (i + 1));
      }
      assertEquals(403, post(a, gateway, "/nowhere").statusCode());
      assertEquals(403, post(a, gateway, "/public").statusCode());
    }
  }

  @Test
  void withItsConditionFalseNoWebAclIsApplied() throws Exception {
    assertTrue(template(Map.of("Waf", "off")).webAcl().isEmpty());
    assertTrue(template(Map.of()).webAcl().isPresent());
  }

  @Test
  void whatTheGatewayCannotApplyExactlyStopsTheLoad() throws Exception {
    assertTrue(TemplateLoader.parse(templateWith(WAF), Map.of(), "us-east-1").webAcl().isPresent(), "the control");
    String[][] changes = {
        {"Limit: 15, EvaluationWindowSec: 60", "Limit: 9, EvaluationWindowSec: 60"},
        {"Limit: 15, EvaluationWindowSec: 60", "Limit: 15, EvaluationWindowSec: 30"},
        {"AggregateKeyType: IP, Limit: 15", "AggregateKeyType: FORWARDED_IP, Limit: 15"},
        {"Action: {Block: {}}", "Action: {Count: {}}"},
        {"Type: URL_DECODE", "Type: LOWERCASE"}};
    for (String[] change : changes) {
      assertTrue(WAF.contains(change[0]), change[0]);
      String text = templateWith(WAF.replace(change[0], change[1]));
      assertThrows(TemplateException.class, () -> TemplateLoader.parse(text, Map.of(), "us-east-1"), change[1]);
    }
  }
}
