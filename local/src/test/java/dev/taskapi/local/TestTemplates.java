package dev.taskapi.local;

import dev.taskapi.local.lambda.FunctionCredentials;
import dev.taskapi.local.lambda.LambdaEnvironment;
import dev.taskapi.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The test template, read where it lies (its CodeUris are relative to it, as template.yaml's are). */
public final class TestTemplates {
  private TestTemplates() {}

  public static Path testTemplate() {
    return Path.of("src", "test", "resources", "test-template.yaml");
  }

  /**
   * A Lambda environment for running the template's functions without the rest of the stack: credentials of their
   * own for each, and endpoints (DynamoDB, secrets) nobody listens on.
   */
  public static LambdaEnvironment unconnectedEnvironment(SamTemplate template) {
    Map<String, FunctionCredentials> credentials = new HashMap<>();
    template.functions().keySet().forEach(name -> credentials.put(name, FunctionCredentials.random()));
    return new LambdaEnvironment("us-east-1", URI.create("http://127.0.0.1:9"), credentials, 9,
        URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"));
  }
}
