package dev.taskapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeJitTest {
  @Test
  void aFunctionWithoutJitOptionsStartsOnDemandWithC1OnlyAndRestoresWithFullTiered() {
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "", "TABLE_NAME", "t");

    Map<String, String> onDemand = RuntimeJit.onDemand(env);

    assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", onDemand.get("JAVA_TOOL_OPTIONS"));
    assertEquals("t", onDemand.get("TABLE_NAME"));
    assertEquals("-XX:+TieredCompilation", RuntimeJit.afterRestore(""));
  }

  @Test
  void otherOptionsAreKeptBesideTheRuntimesDefault() {
    Map<String, String> onDemand = RuntimeJit.onDemand(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC"));

    assertEquals("-XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1",
        onDemand.get("JAVA_TOOL_OPTIONS"));
  }

  @Test
  void aTieredOptionInTheTemplateReplacesTheRuntimesDefaultForBothStarts() {
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation");

    assertSame(env, RuntimeJit.onDemand(env));
    assertEquals("-XX:+TieredCompilation", RuntimeJit.afterRestore("-XX:+TieredCompilation"));
    assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
        RuntimeJit.afterRestore("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
  }

  @Test
  void anUnsetVariableIsTheRuntimesDefaultToo() {
    assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
        RuntimeJit.onDemand(Map.of()).get("JAVA_TOOL_OPTIONS"));
  }
}
