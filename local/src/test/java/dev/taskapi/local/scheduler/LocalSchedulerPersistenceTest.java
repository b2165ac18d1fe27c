package dev.taskapi.local.scheduler;

import static dev.taskapi.local.scheduler.LocalSchedulerTest.oneTime;
import static dev.taskapi.local.scheduler.SchedulerStack.GROUP;
import static dev.taskapi.local.scheduler.SchedulerStack.RECORD_QUEUE;
import static dev.taskapi.local.scheduler.SchedulerStack.atSecondsFromNow;
import static dev.taskapi.local.scheduler.SchedulerStack.receive;
import static dev.taskapi.local.scheduler.SchedulerStack.sentAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.scheduler.SchedulerStack.At;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Schedules are kept in the data folder (.data/scheduler, the owner's alone): a restart keeps them, and one whose
 * time passed while the stack was down fires at the next start.
 */
class LocalSchedulerPersistenceTest {
  @TempDir Path dataDir;

  @Test
  void aRestartKeepsTheSchedulesAndOneThatCameDueWhileTheStackWasDownFiresAtTheStart() throws Exception {
    At missed = atSecondsFromNow(2);
    At later = atSecondsFromNow(3600);
    try (LocalRuntime runtime = SchedulerStack.start(dataDir);
        SchedulerClient scheduler = SchedulerStack.clientOf(runtime, "SchedulingFunction")) {
      scheduler.createSchedule(oneTime("missed", missed, "{\"missed\":true}", ActionAfterCompletion.DELETE));
      scheduler.createSchedule(oneTime("later", later, "{\"later\":true}", ActionAfterCompletion.NONE));
    }
    Path folder = dataDir.resolve("scheduler");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("schedules.json"))));
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), missed.instant()).toMillis() + 500));

    Instant restarted = Instant.now();
    try (LocalRuntime runtime = SchedulerStack.start(dataDir);
        SchedulerClient scheduler = SchedulerStack.clientOf(runtime, "SchedulingFunction");
        SqsClient elasticMq = SchedulerStack.elasticMq(runtime)) {
      List<Message> fired = receive(elasticMq, RECORD_QUEUE, Duration.ofSeconds(4));

      assertEquals(List.of("{\"missed\":true}"), fired.stream().map(Message::body).toList());
      long afterStart = Duration.between(restarted, sentAt(fired.getFirst())).toMillis();
      assertTrue(afterStart > 0, "it did not fire while the stack was down");
      assertEquals(later.expression(), scheduler.getSchedule(r -> r.name("later").groupName(GROUP))
          .scheduleExpression());
      assertEquals(List.of("later"), runtime.scheduler().orElseThrow().schedules().stream().map(Schedule::name)
          .toList(), "the fired one deleted (ActionAfterCompletion DELETE), the other kept");
    }
  }
}
