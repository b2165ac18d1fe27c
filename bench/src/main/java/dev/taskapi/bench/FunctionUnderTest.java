package dev.taskapi.bench;

import dev.taskapi.local.template.FunctionDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A function of the template with its deployment artifact ({@code functions/<name>/target/function.jar}, found
 * by the handler class it holds) and its sample event ({@code events/<name>.json}), so functions added to the
 * template are benchmarked without changes here.
 */
record FunctionUnderTest(FunctionDef definition, Path artifact, Optional<Path> sampleEvent) {

  String name() {
    return definition.logicalId();
  }

  static List<FunctionUnderTest> all(Path root, Iterable<FunctionDef> definitions) {
    List<FunctionUnderTest> found = new ArrayList<>();
    for (FunctionDef definition : definitions) {
      Path module = moduleOf(root, definition.handlerClass());
      Path event = root.resolve("events").resolve(module.getFileName() + ".json");
      found.add(new FunctionUnderTest(definition, module.resolve("target/function.jar"),
          Files.isRegularFile(event) ? Optional.of(event) : Optional.empty()));
    }
    return found;
  }

  private static Path moduleOf(Path root, String handlerClass) {
    String entry = handlerClass.replace('.', '/') + ".class";
    try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
      return modules
          .filter(module -> contains(module.resolve("target/function.jar"), entry))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "no functions/*/target/function.jar holds " + handlerClass + "; build with mvn package first"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(Path jar, String entry) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry(entry) != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
