package dev.taskapi.local.scheduler;

import static dev.taskapi.local.scheduler.LocalSchedulerTest.oneTime;
import static dev.taskapi.local.scheduler.SchedulerStack.atSecondsFromNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.LocalRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;

/**
 * A schedule the local Scheduler acknowledged survives a kill -9: a JVM creates schedules through the endpoint and
 * halts the moment the last CreateSchedule has answered, with no shutdown hook; the data folder then holds every one.
 */
class LocalSchedulerCrashTest {
  private static final int SCHEDULES = 20;

  @TempDir Path dataDir;

  @Test
  void everyAcknowledgedScheduleIsKeptWhenTheProcessIsHalted() throws Exception {
    Process creator = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
        "-cp", System.getProperty("java.class.path"), CreateThenHalt.class.getName(), dataDir.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(creator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(creator.waitFor(120, TimeUnit.SECONDS), "the creator halts");
    assertTrue(output.contains("created " + SCHEDULES), output);

    assertEquals(IntStream.range(0, SCHEDULES).mapToObj(i -> "kept-" + i).sorted().toList(),
        StoredSchedules.open(dataDir.resolve("scheduler")).all().stream().map(Schedule::name).sorted().toList());
  }

  /** The halted process: creates, says how many CreateSchedule calls answered, and halts at once. */
  public static final class CreateThenHalt {
    public static void main(String[] args) {
      LocalRuntime runtime = SchedulerStack.start(Path.of(args[0]));
      SchedulerClient scheduler = SchedulerStack.clientOf(runtime, "SchedulingFunction");
      for (int i = 0; i < SCHEDULES; i++) {
        scheduler.createSchedule(oneTime("kept-" + i, atSecondsFromNow(3600), "{}", ActionAfterCompletion.NONE));
      }
      System.out.println("created " + SCHEDULES);
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
  }
}
