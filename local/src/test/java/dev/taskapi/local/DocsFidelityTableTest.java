package dev.taskapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/local-fidelity.md names, for each behaviour of the local stack, the test that shows it. A renamed or
 * removed test would leave the table claiming a proof that no longer runs, so every name must resolve.
 */
class DocsFidelityTableTest {
  private static final Path ROOT = Path.of("..");
  private static final Path TABLE = ROOT.resolve("docs/local-fidelity.md");
  // `ClassTest` or `ClassTest.method`, as the table writes them in backticks.
  private static final Pattern TEST_NAME = Pattern.compile("`([A-Z]\\w*(?:Test|IT))(?:\\.(\\w+))?`");

  @Test
  void everyTestTheTableNamesExists() throws IOException {
    Map<String, Path> sources = testSources();
    List<String> missing = new ArrayList<>();
    int named = 0;
    Matcher matcher = TEST_NAME.matcher(Files.readString(TABLE));
    while (matcher.find()) {
      named++;
      Optional<Path> source = Optional.ofNullable(sources.get(matcher.group(1)));
      String method = matcher.group(2);
      if (source.isEmpty()) {
        missing.add(matcher.group(1));
      } else if (method != null && !read(source.get()).contains(" " + method + "(")) {
        missing.add(matcher.group(1) + "." + method);
      }
    }
    assertTrue(named >= 40, "the table names its tests (found " + named + ")");
    assertEquals(new TreeSet<>(), new TreeSet<>(missing), "tests named in " + TABLE + " that do not exist");
  }

  /** Every Java file under a src/test directory of the repository, by class name. */
  private static Map<String, Path> testSources() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/"))
          .filter(p -> !p.toString().contains("/node_modules/") && !p.toString().contains("/target/"))
          .collect(Collectors.toMap(
              p -> p.getFileName().toString().replace(".java", ""), p -> p, (first, second) -> first));
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
