package dev.taskapi.local.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload's javac warm-up: it used to leave one folder per start in the temporary directory. */
class ModuleCompilerTest {
  @TempDir Path temporaryDirectory;

  @Test
  void theWarmUpLeavesNothingBehindAndRemovesTheFoldersEarlierStartsLeft() throws Exception {
    Path leftOver = Files.createDirectory(temporaryDirectory.resolve("hot-reload-warm-up8123456789012345"));
    Files.write(leftOver.resolve("WarmUp.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
    Path emptyLeftOver = Files.createDirectory(temporaryDirectory.resolve("hot-reload-warm-up42"));
    // Not the warm-up's: another name, or other contents. Kept.
    Path lookalike = Files.createDirectory(temporaryDirectory.resolve("hot-reload-warm-up77"));
    Files.writeString(lookalike.resolve("notes.txt"), "someone's");
    Files.createDirectory(temporaryDirectory.resolve("unrelated"));

    new ModuleCompiler().warmUp(temporaryDirectory);

    try (Stream<Path> left = Files.list(temporaryDirectory)) {
      assertEquals(List.of("hot-reload-warm-up77", "unrelated"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(false, Files.exists(leftOver) || Files.exists(emptyLeftOver));
  }
}
