package dev.taskapi.local.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Records each grant that allowed a call, once per JVM, as a line appended to the file the system property
 * {@value #PROPERTY} names (the tests set it); nothing is recorded without it. Appending lets several test JVMs
 * and stacks share one file; the report de-duplicates.
 */
public final class GrantUsage {
  public static final String PROPERTY = "taskapi.iam.usage";
  private static final Set<String> RECORDED = new LinkedHashSet<>();

  private final Optional<Path> file;

  private GrantUsage(Optional<Path> file) {
    this.file = file;
  }

  static GrantUsage to(Path file) {
    return new GrantUsage(Optional.of(file));
  }

  public static GrantUsage fromSystemProperty() {
    return new GrantUsage(Optional.ofNullable(System.getProperty(PROPERTY)).filter(p -> !p.isBlank()).map(Path::of));
  }

  void record(List<Grant> grants) {
    if (file.isEmpty()) {
      return;
    }
    synchronized (RECORDED) {
      StringBuilder lines = new StringBuilder();
      for (Grant grant : grants) {
        if (RECORDED.add(file.get() + "\0" + grant.toLine())) {
          lines.append(grant.toLine()).append('\n');
        }
      }
      if (lines.isEmpty()) {
        return;
      }
      try {
        Files.createDirectories(file.get().toAbsolutePath().getParent());
        Files.writeString(file.get(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot record IAM grant usage in " + file.get(), e);
      }
    }
  }

  /** The grants recorded in {@code file}; none when it does not exist. */
  public static Set<Grant> read(Path file) {
    if (!Files.exists(file)) {
      return Set.of();
    }
    try {
      Set<Grant> grants = new LinkedHashSet<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          grants.add(Grant.fromLine(line));
        }
      }
      return grants;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
