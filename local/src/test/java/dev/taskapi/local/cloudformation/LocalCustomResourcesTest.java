package dev.taskapi.local.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.TestTemplates;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateException;
import dev.taskapi.local.template.TemplateLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom resources run as a stack create and update run them ("Custom resource request objects" and "Custom
 * resource response objects", CloudFormation User Guide), with a test function that answers what its Answer
 * property says.
 */
class LocalCustomResourcesTest {
  @TempDir Path dataDir;

  @Test
  void createOnceThenNothingWhileThePropertiesStayThenAnUpdateWithTheOldOnes() {
    assertEquals(List.of("Resource (Custom::Probe): Create SUCCESS: Create from nothing of none"),
        run(template("SUCCESS", "1")));
    assertEquals(List.of(), run(template("SUCCESS", "1")), "unchanged: no request");

    assertEquals(List.of("Resource (Custom::Probe): Update SUCCESS: Update from SUCCESS of physical-Resource"),
        run(template("SUCCESS", "2")));
    assertTrue(Files.exists(dataDir.resolve(LocalCustomResources.STATE_FILE)));
  }

  @Test
  void aFailedAnswerStopsTheStartWithItsReasonAndIsNotRecorded() {
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> run(template("FAILED", "1")));

    assertTrue(failed.getMessage().contains("answered FAILED: Create from nothing of none"), failed.getMessage());
    assertEquals(List.of("Resource (Custom::Probe): Create SUCCESS: Create from nothing of none"),
        run(template("SUCCESS", "1")), "still a Create: the failed one left no state");
  }

  @Test
  void noAnswerWithinTheServiceTimeoutStopsTheStart() {
    IllegalStateException silent = assertThrows(IllegalStateException.class, () -> run(template("NONE", "1")));

    assertTrue(silent.getMessage().contains("no answer within its ServiceTimeout (1 s)"), silent.getMessage());
    assertFalse(Files.exists(dataDir.resolve(LocalCustomResources.STATE_FILE)));
  }

  @Test
  void aServiceTokenThatIsNoFunctionOfTheTemplateStopsTheLoad() {
    String foreign = template("SUCCESS", "1").replace("!GetAtt ProbeFunction.Arn",
        "arn:aws:lambda:us-east-1:123456789012:function:elsewhere");

    TemplateException refused =
        assertThrows(TemplateException.class, () -> TemplateLoader.parse(foreign, Map.of(), "us-east-1"));

    assertTrue(refused.getMessage().contains("is not a function of the template"), refused.getMessage());
  }

  private List<String> run(String yaml) {
    SamTemplate template = TemplateLoader.parse(yaml, Map.of(), "us-east-1");
    try (LambdaFunctions functions = new LambdaFunctions(template, TestTemplates.unconnectedEnvironment(template))) {
      return LocalCustomResources.run(template, functions, dataDir);
    }
  }

  private static String template(String answer, String version) {
    return template(answer, version, answer.equals("NONE") ? 1 : 60);
  }

  private static String template(String answer, String version, int serviceTimeout) {
    return """
        Resources:
          ProbeFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: test-functions/target/function.jar
              Handler: dev.taskapi.local.testhandlers.CustomResourceHandler::handleRequest
              Runtime: java25
              Timeout: 10
          Resource:
            Type: Custom::Probe
            Properties:
              ServiceToken: !GetAtt ProbeFunction.Arn
              ServiceTimeout: %d
              Answer: %s
              Version: %s
        """.formatted(serviceTimeout, answer, version);
  }
}
