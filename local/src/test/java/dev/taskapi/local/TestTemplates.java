package dev.taskapi.local;

import java.nio.file.Path;

/** The test template, read where it lies (its CodeUris are relative to it, as template.yaml's are). */
public final class TestTemplates {
  private TestTemplates() {}

  public static Path testTemplate() {
    return Path.of("src", "test", "resources", "test-template.yaml");
  }
}
