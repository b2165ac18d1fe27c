package dev.taskapi.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local stack on the project's template.yaml (or another template) with fresh data, started once for a test class
 * ({@code @RegisterExtension static final ProjectStack stack = new ProjectStack("prefix-")}), for tests that call
 * its AWS endpoints as the functions do: a client built from {@link #env} signs with that function's own
 * credentials (real SigV4) and reaches the endpoints the function is given. Nothing of the developer's
 * environment but PATH (for node).
 */
public final class ProjectStack implements BeforeAllCallback, AfterAllCallback {
  private final String dataDirPrefix;
  private final Path template;
  private LocalRuntime runtime;

  /** @param dataDirPrefix names the test's temporary data directory */
  public ProjectStack(String dataDirPrefix) {
    this(dataDirPrefix, Path.of("..", "template.yaml"));
  }

  /** The stack on another template (a test template of local's own). */
  public ProjectStack(String dataDirPrefix, Path template) {
    this.dataDirPrefix = dataDirPrefix;
    this.template = template;
  }

  /** A stack on {@code template} with the data in {@code dataDir}, for tests that start and stop their own. */
  public static LocalRuntime start(Path template, Path dataDir) {
    return LocalRuntime.start(LocalStackOptions.defaults()
        .withTemplate(template)
        .withDataDir(dataDir)
        .withEnvironment(Map.of("PATH", System.getenv("PATH"))));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    runtime = start(template, Files.createTempDirectory(dataDirPrefix));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    runtime.close();
  }

  public LocalRuntime runtime() {
    return runtime;
  }

  /** The Lambda environment of one of the template's functions: its credentials, region and endpoints. */
  public Map<String, String> env(String function) {
    return runtime.lambdaEnvironment().forFunction(runtime.template().function(function));
  }
}
