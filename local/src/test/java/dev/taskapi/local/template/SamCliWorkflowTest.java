package dev.taskapi.local.template;

import static dev.taskapi.local.template.ProjectTemplate.map;
import static dev.taskapi.local.template.ProjectTemplate.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the SAM CLI does with template.yaml, checked without the SAM CLI (read from aws/aws-sam-cli at 1.164.0).
 *
 * <ul>
 *   <li>{@code sam validate} translates the template with aws-sam-translator
 *       (samcli/lib/translate/sam_template_validator.py); src/test/python/sam_translate.py does the same with the
 *       installed aws-sam-translator, and {@code sam validate --lint} runs cfn-lint, as the script's --lint does.
 *   <li>{@code sam build} builds every function unless its CodeUri ends in .zip or its Metadata says SkipBuild
 *       (samcli/lib/providers/provider.py, get_function_build_info). A java25 function with a jar CodeUri would
 *       go to the java-maven workflow, which copies its CodeUri as a directory and fails on the jar. So every
 *       function says SkipBuild, and its CodeUri is the jar this Maven reactor builds, which {@code sam build}
 *       then points .aws-sam/build/template.yaml at and {@code sam deploy} uploads as it is.
 * </ul>
 */
class SamCliWorkflowTest {
  private static final String SCRIPT = "src/test/python/sam_translate.py";
  private static final Pattern MAVEN_JAR = Pattern.compile("(functions/[a-z-]+)/target/function\\.jar");

  @Test
  void samValidateTranslatesTheTemplate() {
    TemplateCheckProcess check = python(ProjectTemplate.parse());
    assertEquals(List.of(), check.lines(), check.log());
    assertEquals(0, check.exitCode(), check.log());
  }

  @Test
  void aTemplateTheTranslatorRejectsFailsTheCheck() {
    Map<String, Object> template = ProjectTemplate.parse();
    Map<String, Object> event = map(map(properties(template, "RegisterFunction").get("Events")).get("Api"));
    map(event.get("Properties")).put("RestApiId", Map.of("Ref", "NoSuchApi"));

    TemplateCheckProcess check = python(template);

    assertEquals(1, check.exitCode(), check.log());
    assertEquals(
        List.of("Resource with id [RegisterFunction] is invalid. Event with id [Api] is invalid. RestApiId must be a"
            + " valid reference to an 'AWS::Serverless::Api' resource in same template."),
        check.lines());
  }

  @Test
  void aTracedFunctionWhoseRoleCannotWriteTracesFailsTheCheck() {
    // With a role of its own SAM adds no X-Ray policy: the function would run but send no traces.
    Map<String, Object> template = ProjectTemplate.parse();
    properties(template, "RegisterFunction").put("Role", "arn:aws:iam::123456789012:role/no-xray");

    TemplateCheckProcess check = python(template);

    assertEquals(1, check.exitCode(), check.log());
    assertEquals(
        List.of("RegisterFunction: Tracing is Active but its role arn:aws:iam::123456789012:role/no-xray has no"
            + " X-Ray write policy"),
        check.lines());
  }

  @Test
  void samValidateLintFindsNothing() {
    TemplateCheckProcess check = python(ProjectTemplate.parse(), "--lint");
    assertEquals(List.of(), check.lines(), check.log());
    assertEquals(0, check.exitCode(), check.log());
  }

  @Test
  void samBuildSkipsEveryFunctionAndDeploysTheJarMavenBuilt() throws IOException {
    List<String> modules = reactorModules();
    Map<String, Object> template = ProjectTemplate.parse();
    int functions = 0;
    for (var resource : map(template.get("Resources")).entrySet()) {
      Map<String, Object> definition = map(resource.getValue());
      if (!"AWS::Serverless::Function".equals(definition.get("Type"))) {
        continue;
      }
      functions++;
      String name = resource.getKey();
      Object metadata = definition.get("Metadata");
      assertTrue(metadata instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("SkipBuild")),
          name + ": Metadata.SkipBuild must be true, or `sam build` runs the java-maven workflow on a jar");
      String codeUri = String.valueOf(map(definition.get("Properties")).get("CodeUri"));
      Matcher jar = MAVEN_JAR.matcher(codeUri);
      assertTrue(jar.matches(), name + ": CodeUri " + codeUri + " is not functions/<module>/target/function.jar");
      assertTrue(modules.contains(jar.group(1)), name + ": " + jar.group(1) + " is not a module of ../pom.xml");
      assertTrue(Files.isRegularFile(Path.of("..", codeUri)),
          name + ": " + codeUri + " does not exist; the reactor's package phase builds it before this test");
    }
    assertFalse(functions == 0, "template.yaml has no AWS::Serverless::Function");
  }

  /** The reactor's modules by directory, with those of an aggregator (functions/pom.xml) among them. */
  private static List<String> reactorModules() throws IOException {
    return modulesOf("");
  }

  private static List<String> modulesOf(String dir) throws IOException {
    List<String> modules = new ArrayList<>();
    for (String module : Pattern.compile("<module>([^<]+)</module>")
        .matcher(Files.readString(Path.of("..", dir, "pom.xml")))
        .results()
        .map(m -> dir.isEmpty() ? m.group(1) : dir + "/" + m.group(1))
        .toList()) {
      modules.add(module);
      modules.addAll(modulesOf(module));
    }
    return modules;
  }

  /** Runs the script, or skips the test (a JUnit assumption, so it is reported) when its tool is missing. */
  private static TemplateCheckProcess python(Map<String, Object> template, String... options) {
    String[] command = new String[2 + options.length];
    command[0] = "python3";
    command[1] = SCRIPT;
    System.arraycopy(options, 0, command, 2, options.length);
    TemplateCheckProcess check;
    try {
      check = TemplateCheckProcess.run(template, command);
    } catch (UncheckedIOException noPython) {
      return abort("python3 cannot run: " + noPython.getMessage());
    }
    assumeTrue(check.exitCode() != TemplateCheckProcess.TOOL_MISSING, check.log());
    return check;
  }
}
