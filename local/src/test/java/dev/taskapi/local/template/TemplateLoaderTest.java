package dev.taskapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.TestTemplates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateLoaderTest {
  private static final Path TEMPLATE = TestTemplates.testTemplate();

  private static SamTemplate load(Map<String, String> overrides) {
    return TemplateLoader.load(TEMPLATE, overrides, "eu-west-1");
  }

  @Test
  void readsFunctionsMergedWithGlobals() {
    SamTemplate template = load(Map.of());
    FunctionDef auth = template.function("AuthFunction");
    assertEquals("dev.taskapi.local.testhandlers.TestAuthorizerHandler", auth.handlerClass());
    assertEquals("handleRequest", auth.handlerMethod());
    assertEquals(512, auth.memoryMb()); // own value beats Globals
    assertEquals(5, auth.timeoutSeconds()); // from Globals
    assertEquals(1, template.function("SlowFunction").timeoutSeconds());
    assertEquals(256, template.function("EchoFunction").memoryMb());
  }

  @Test
  void resolvesIntrinsicsInEnvironment() {
    Map<String, String> env = load(Map.of()).function("EchoFunction").environment();
    assertEquals("ItemsTable", env.get("TABLE_NAME"));
    assertEquals("hello from eu-west-1 in 123456789012", env.get("REGION_GREETING"));
    assertEquals("plain-", env.get("ECHO_PREFIX"));
    assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:AuthFunction", env.get("AUTH_ARN"));
    assertEquals("arn:aws:dynamodb:eu-west-1:123456789012:table/ItemsTable", env.get("TABLE_ARN"));
    assertEquals("a/b/c", env.get("JOINED"));
    // Ref of an AWS::SecretsManager::Secret is its ARN, as in CloudFormation.
    assertEquals("arn:aws:secretsmanager:eu-west-1:123456789012:secret:TestSecret-LoCaL1",
        load(Map.of()).function("StoreFunction").environment().get("SECRET_ID"));
  }

  @Test
  void parameterOverridesReachConditionsAndRefs() {
    SamTemplate template = load(Map.of("Flavour", "fancy", "StageName", "prod", "CacheTtl", "0"));
    assertEquals("fancy-", template.function("EchoFunction").environment().get("ECHO_PREFIX"));
    RestApiDef api = template.api().orElseThrow();
    assertEquals("prod", api.stageName());
    assertEquals(0, api.authorizers().get("TestAuthorizer").reauthorizeEverySeconds());
  }

  @Test
  void rejectsOverridesBreakingConstraintsOrUndeclared() {
    assertThrows(TemplateException.class, () -> load(Map.of("Flavour", "spicy")));
    assertThrows(TemplateException.class, () -> load(Map.of("StageName", "Bad-Stage")));
    assertThrows(TemplateException.class, () -> load(Map.of("CacheTtl", "-1")));
    assertThrows(TemplateException.class, () -> load(Map.of("Nope", "x")));
  }

  @Test
  void readsApiEventsWithTheirAuthorizer() {
    SamTemplate template = load(Map.of());
    List<ApiEventDef> echo = template.function("EchoFunction").apiEvents();
    assertTrue(echo.contains(new ApiEventDef("/items/{id}", "GET", Optional.of("TestAuthorizer"))));
    assertTrue(echo.contains(new ApiEventDef("/files/{proxy+}", "ANY", Optional.of("TestAuthorizer"))));
    assertTrue(echo.contains(new ApiEventDef("/public", "POST", Optional.empty())));
  }

  @Test
  void readsTheApi() {
    RestApiDef api = load(Map.of()).api().orElseThrow();
    assertEquals("TestApi", api.logicalId());
    assertEquals("test", api.stageName());
    AuthorizerDef authorizer = api.authorizers().get("TestAuthorizer");
    assertEquals("AuthFunction", authorizer.functionLogicalId()); // from !Ref AuthFunction.Alias
    assertEquals("Authorization", authorizer.identityHeader());
    assertEquals(Optional.of("^Bearer [a-z0-9-]+$"), authorizer.validationExpression());
    assertEquals(300, authorizer.reauthorizeEverySeconds());
    assertEquals(Optional.of("TestAuthorizer"), api.defaultAuthorizer());

    CorsConfig cors = api.cors().orElseThrow();
    assertEquals("http://localhost:5173", cors.allowOrigin());
    assertEquals(Optional.of("Authorization,Content-Type"), cors.allowHeaders());
    assertEquals(Optional.of("GET,POST,OPTIONS"), cors.allowMethods());
    assertEquals(Optional.of("600"), cors.maxAge());

    GatewayResponseDef unauthorized = api.gatewayResponses().get("UNAUTHORIZED");
    assertEquals(Optional.of(401), unauthorized.statusCode());
    assertEquals("'Bearer'", unauthorized.headers().get("WWW-Authenticate"));
    assertEquals("{\"title\":\"Unauthorized\",\"status\":401}", unauthorized.templates().get("application/json"));
    assertEquals(Optional.empty(), api.gatewayResponses().get("DEFAULT_4XX").statusCode());
  }

  @Test
  void readsTablesAndSecrets() {
    SamTemplate template = load(Map.of());
    TableDef table = template.tables().getFirst();
    assertEquals("ItemsTable", table.tableName());
    assertEquals(List.of(new TableDef.KeyElement("pk", "HASH"), new TableDef.KeyElement("sk", "RANGE")),
        table.keySchema());
    assertEquals("S", table.attributeTypes().get("gsi1pk"));
    assertEquals("gsi1", table.globalSecondaryIndexes().getFirst().indexName());
    assertEquals("ALL", table.globalSecondaryIndexes().getFirst().projectionType());

    SecretDef secret = template.secrets().getFirst();
    assertEquals("TestSecret", secret.secretId());
    assertEquals(40, secret.passwordLength());
    assertTrue(secret.excludePunctuation());
    assertFalse(secret.secretString().isPresent());
  }

  @Test
  void shortAndLongIntrinsicFormsAgree() {
    String yaml = """
        Parameters:
          Name: {Type: String, Default: world}
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handleRequest
              FunctionName: my-fn
              Environment:
                Variables:
                  SHORT: !Sub "hi ${Name} ${AWS::StackName} ${AWS::URLSuffix} ${!Literal}"
                  LONG: {"Fn::Sub": ["${A}-${Name}", {A: {Ref: Name}}]}
                  ATT: {"Fn::GetAtt": [Fn, Arn]}
                  ATT_SHORT: !GetAtt Fn.Arn
                  SUB_ATT: !Sub "${Fn.Arn}"
                  ALIAS: !Ref Fn.Alias
        """;
    Map<String, String> env = TemplateLoader.parse(yaml, Map.of(), "us-east-1").function("Fn").environment();
    assertEquals("hi world taskapi-local amazonaws.com ${Literal}", env.get("SHORT"));
    assertEquals("world-world", env.get("LONG"));
    assertEquals("arn:aws:lambda:us-east-1:123456789012:function:my-fn", env.get("ATT"));
    assertEquals(env.get("ATT"), env.get("ATT_SHORT"));
    assertEquals(env.get("ATT"), env.get("SUB_ATT"));
    assertEquals(env.get("ATT") + ":live", env.get("ALIAS"));
  }

  @Test
  void anIntrinsicTheLocalStackDoesNotResolveStopsTheLoadNamingIt() {
    // Short forms, as template.yaml writes them; the CloudFormation functions neither template uses.
    for (String function : List.of("Split", "FindInMap", "Base64", "GetAZs", "And", "Or", "ImportValue", "Cidr")) {
      String yaml = ("Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {Handler: a.B::handleRequest,"
          + " Environment: {Variables: {VALUE: !%s [a, b]}}}}}").formatted(function);
      TemplateException refused =
          assertThrows(TemplateException.class, () -> TemplateLoader.parse(yaml, Map.of(), "us-east-1"), function);
      assertEquals("Fn::" + function + " is not supported by the local stack", refused.getMessage());
    }
  }

  @Test
  void implicitApiWhenEventsNameNone() {
    String yaml = """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handleRequest
              Events:
                Get: {Type: Api, Properties: {Path: /x, Method: GET}}
        """;
    RestApiDef api = TemplateLoader.parse(yaml, Map.of(), "us-east-1").api().orElseThrow();
    assertEquals("ServerlessRestApi", api.logicalId());
    assertEquals("Prod", api.stageName());
  }
}
