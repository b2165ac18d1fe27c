package dev.taskapi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassLoadBreakdownTest {
  @TempDir Path dir;

  @Test
  void phasesSplitAtTheHandlerAndTheStubsTimesAndCountLambdaClassesApart() throws IOException {
    Path root = dir.resolve("task");
    Path log = dir.resolve("class-load.log");
    Files.write(log, List.of(
        "[10000000ns] java.lang.Object source: shared objects file",
        "[20000000ns] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: file:/opt/ric.jar",
        // The handler, from the task root: handler init starts here, at 30 ms.
        "[30000000ns] dev.taskapi.gettask.GetTaskHandler source: file:" + root + "/",
        "[40000000ns] software.amazon.awssdk.core.SdkClient source: file:" + root + "/",
        "[45000000ns] dev.taskapi.store.dynamodb.TaskSchema$$Lambda/0x000000004a1b2c00 source: "
            + "dev.taskapi.store.dynamodb.TaskSchema",
        // After init done (50 ms): the first request.
        "[60000000ns] software.amazon.awssdk.utils.AttributeMap$$Lambda/0x000000004a1b3000 source: "
            + "software.amazon.awssdk.utils.AttributeMap",
        "[70000000ns] java.lang.invoke.LambdaForm$MH/0x000000004a1b3400 source: __JVM_LookupDefineClass__",
        "not a class-load line"));

    ClassLoadBreakdown breakdown = ClassLoadBreakdown.parse(log, root, 50, 80);

    List<ClassLoadBreakdown.Phase> phases = breakdown.phases();
    assertEquals(List.of("Runtime start", "Handler init", "First request"),
        phases.stream().map(ClassLoadBreakdown.Phase::name).toList());
    assertEquals(List.of(30.0, 20.0, 30.0), phases.stream().map(ClassLoadBreakdown.Phase::millis).toList());
    assertEquals(Map.of("JDK", 1, "Runtime client", 1), phases.get(0).classesByOwner());
    assertEquals(Map.of("Ours", 2, "AWS SDK", 1), phases.get(1).classesByOwner());
    assertEquals(Map.of("AWS SDK", 1, "JDK", 1), phases.get(2).classesByOwner());
    assertEquals(List.of(0, 1, 1), phases.stream().map(ClassLoadBreakdown.Phase::lambdaClasses).toList(),
        "a lambda class counts apart; a LambdaForm is the JDK's own method-handle plumbing, not a call site's");
  }
}
