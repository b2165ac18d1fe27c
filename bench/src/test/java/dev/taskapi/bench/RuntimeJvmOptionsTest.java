package dev.taskapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeJvmOptionsTest {
  @Test
  void aFunctionThatChoosesNoCollectorRunsWithTheRuntimesSerialGc() {
    assertEquals(List.of("-XX:+UseSerialGC"), RuntimeJvmOptions.forEnvironment(
        Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")));
    assertEquals(List.of("-XX:+UseSerialGC"), RuntimeJvmOptions.forEnvironment(Map.of("JAVA_TOOL_OPTIONS", "")));
    assertEquals(List.of("-XX:+UseSerialGC"), RuntimeJvmOptions.forEnvironment(Map.of()));
  }

  @Test
  void aCollectorInJavaToolOptionsReplacesTheRuntimes() {
    for (String options : List.of("-XX:+UseParallelGC", "-XX:+UseG1GC", "-XX:+UseZGC", "-XX:+UseShenandoahGC",
        "-Xshare:auto -XX:+UseSerialGC", "-XX:+UseEpsilonGC")) {
      assertEquals(List.of(), RuntimeJvmOptions.forEnvironment(Map.of("JAVA_TOOL_OPTIONS", options)), options);
    }
  }

  @Test
  void optionsThatNameNoCollectorLeaveTheRuntimes() {
    // Use...GC look-alikes that tune or switch off rather than select a collector.
    for (String options : List.of("-XX:+UseGCOverheadLimit", "-XX:-UseG1GC", "-XX:+UseStringDeduplication",
        "-XX:+UseCompressedOops")) {
      assertEquals(List.of("-XX:+UseSerialGC"),
          RuntimeJvmOptions.forEnvironment(Map.of("JAVA_TOOL_OPTIONS", options)), options);
    }
  }
}
