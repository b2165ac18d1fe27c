package dev.taskapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The project's own template.yaml (one directory up) must stay readable by the local stack. */
class ProjectTemplateTest {
  @Test
  void projectTemplateLoads() {
    Path template = Path.of("../template.yaml");
    assumeTrue(Files.exists(template), "no ../template.yaml");
    SamTemplate sam = TemplateLoader.load(template, Map.of(), "us-east-1");
    RestApiDef api = sam.api().orElseThrow();
    AuthorizerDef authorizer = api.authorizers().values().iterator().next();
    assertTrue(sam.functions().containsKey(authorizer.functionLogicalId()));
    assertTrue(authorizer.validationExpression().isPresent());
    assertTrue(api.cors().isPresent());
    assertTrue(sam.functions().values().stream().flatMap(f -> f.apiEvents().stream())
        .anyMatch(e -> e.authorizer().equals(Optional.empty())));
    assertEquals(sam.tables().size(), sam.tables().stream().map(TableDef::tableName).distinct().count());
  }
}
