package dev.taskapi.local;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test template under src/test/resources. */
public final class TestTemplates {
  private TestTemplates() {}

  public static Path testTemplate() {
    try {
      return Path.of(TestTemplates.class.getResource("/test-template.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
