package dev.taskapi.local.template;

import static dev.taskapi.local.template.ProjectTemplate.list;
import static dev.taskapi.local.template.ProjectTemplate.map;
import static dev.taskapi.local.template.ProjectTemplate.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against CloudFormation's resource specification, as the pinned npm package
 * {@code @aws-cdk/aws-service-spec} publishes it (local/package.json; {@code npm ci} installs it in this module's
 * build). The checker is src/test/node/cfn-spec-check.js.
 */
class TemplateSpecCheckTest {
  private static final String CHECKER = "src/test/node/cfn-spec-check.js";

  @Test
  void theProjectTemplateMatchesTheSpec() {
    TemplateCheckProcess check = check(ProjectTemplate.parse());
    assertEquals(List.of(), check.lines(), check.log());
    assertEquals(0, check.exitCode(), check.log());
  }

  @Test
  void aCopyWithFaultsFailsWithOneLineNamingThePathOfEach() {
    Map<String, Object> template = ProjectTemplate.parse();
    map(list(properties(template, "TasksTable").get("KeySchema")).getFirst()).put("KeyTypo", "HASH");
    properties(template, "RegisterFunction").put("MemorySize", List.of(1024));
    properties(template, "AuthorizerLogGroup").put("RetentionInDays", 8);
    map(map(template.get("Globals")).get("Function")).put("Timeoutt", 10);
    properties(template, "TaskApi").remove("StageName");
    map(map(properties(template, "LoginFunction").get("Events")).get("Api")).put("Type", "Apii");
    properties(template, "ListTasksFunction").put("Layers", Map.of("Fn::Sub", "${SecretsExtensionLayerArn}"));
    map(template.get("Resources")).put("Queue", Map.of("Type", "AWS::SQS::Queueue"));

    TemplateCheckProcess check = check(template);

    assertEquals(
        List.of(
            "Globals.Function.Timeoutt: unknown property of AWS::Serverless::Function",
            "Resources.AuthorizerLogGroup.Properties.RetentionInDays: invalid value 8; allowed: 1, 3, 5, 7, 14, 30,"
                + " 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            "Resources.ListTasksFunction.Properties.Layers: Fn::Sub returns a string; expected a list",
            "Resources.LoginFunction.Properties.Events.Api.Type: unknown event source type \"Apii\"",
            "Resources.Queue.Type: unknown resource type AWS::SQS::Queueue",
            "Resources.RegisterFunction.Properties.MemorySize: expected a number, got a list",
            "Resources.TaskApi.Properties.StageName: required property is missing",
            "Resources.TasksTable.Properties.KeySchema[0].KeyTypo: unknown property of KeySchema"),
        check.lines().stream().sorted().toList(),
        check.log());
    assertEquals(1, check.exitCode(), check.log());
  }

  private static TemplateCheckProcess check(Map<String, Object> template) {
    return TemplateCheckProcess.run(template, "node", CHECKER);
  }
}
