package dev.taskapi.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateException;
import dev.taskapi.local.template.TemplateLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml's Policies read as SAM turns them into each execution role's policies. */
class FunctionPoliciesTest {
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/TasksTable";

  private static FunctionPolicies projectPolicies() {
    return FunctionPolicies.of(TemplateLoader.load(Path.of("..", "template.yaml"), Map.of(), "us-east-1"));
  }

  private static FunctionPolicies policies(String functionPolicies) {
    SamTemplate template = TemplateLoader.parse("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Key:
            Type: AWS::SecretsManager::Secret
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y::handleRequest
              Policies:
        """ + functionPolicies.indent(8), Map.of(), "us-east-1");
    return FunctionPolicies.of(template);
  }

  @Test
  void theSecretsTemplateExpandsToGetSecretValueOnTheSecretsArn() {
    List<Statement> statements = policies("""
        - AWSSecretsManagerGetSecretValuePolicy:
            SecretArn: !Ref Key
        """).statements("Fn");
    assertEquals(List.of(new Statement("Policies[0] AWSSecretsManagerGetSecretValuePolicy", Statement.Effect.ALLOW,
        List.of("secretsmanager:GetSecretValue"),
        List.of("arn:aws:secretsmanager:us-east-1:123456789012:secret:Key-LoCaL1"), List.of())), statements);
  }

  @Test
  void getAttArnAndSubOfItResolveToTheArnsTheEndpointAuthorizes() {
    List<Statement> listTasks = projectPolicies().statements("ListTasksFunction");
    Statement query = listTasks.stream().filter(s -> s.actions().contains("dynamodb:Query")).findFirst().orElseThrow();
    assertEquals(List.of(TABLE, TABLE + "/index/by-completed", TABLE + "/index/by-position", TABLE + "/index/by-created"),
        query.resources());

    DynamoDbRequests requests = new DynamoDbRequests("us-east-1",
        TemplateLoader.load(Path.of("..", "template.yaml"), Map.of(), "us-east-1").tables());
    assertEquals(TABLE + "/index/by-completed", requests.requests("Query",
        DynamoDbRequestsTest.json("{\"TableName\":\"TasksTable\",\"IndexName\":\"by-completed\"}"))
        .getFirst().resource());
  }

  @Test
  void conditionsAreReadPerOperatorAndKey() {
    Statement login = projectPolicies().statements("LoginFunction").stream()
        .filter(s -> !s.conditions().isEmpty()).findFirst().orElseThrow();
    assertEquals(List.of(new Condition("ForAllValues:StringLike", "dynamodb:LeadingKeys", List.of("LOGIN#*"))),
        login.conditions());
  }

  @Test
  void everyFunctionOfTheProjectHasPoliciesTheEngineCanEvaluate() {
    FunctionPolicies policies = projectPolicies();
    assertTrue(policies.allGrants().size() > 20, "grants: " + policies.allGrants().size());
    assertEquals(List.of(), policies.statements("DocsFunction"), "the docs functions call nothing");
  }

  @Test
  void whatTheEngineCannotEvaluateExactlyStopsTheLoad() {
    assertThrows(TemplateException.class, () -> policies("- DynamoDBCrudPolicy:\n    TableName: t\n"));
    assertThrows(TemplateException.class, () -> policies("- AmazonDynamoDBFullAccess\n"));
    assertThrows(TemplateException.class, () -> policies("""
        - Statement:
            - Effect: Allow
              NotAction: dynamodb:DeleteItem
              Resource: "*"
        """));
    assertThrows(TemplateException.class, () -> policies("""
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: "*"
              Condition:
                IpAddress:
                  aws:SourceIp: 10.0.0.0/8
        """));
    assertThrows(TemplateException.class, () -> policies("- AWSSecretsManagerGetSecretValuePolicy: {}\n"));
  }
}
