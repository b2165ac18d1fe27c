package dev.taskapi.local.eventsource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two event source mappings on one stream (the webhook publisher and the reminder scheduler on the table's) write
 * their checkpoints into the one folder at the same time, and neither write fails: a write once walked the whole
 * folder and met the other's temporary file just renamed away (NoSuchFileException).
 */
class CheckpointsTest {
  private static final String STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026-01-01T00:00:00.000";
  private static final int WRITES = 500;

  @TempDir Path dataDir;

  @Test
  void twoMappingsWritingAtOnceBothKeepTheirPlace() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dataDir.resolve("event-source-mappings"));
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = List.of("Publish.TableStream", "Schedule.TableStream").stream()
          .<Future<?>>map(mapping -> writers.submit(() -> {
            for (int i = 1; i <= WRITES; i++) {
              checkpoints.write(mapping, STREAM, Integer.toString(i));
            }
          }))
          .toList();
      for (Future<?> writer : done) {
        writer.get();
      }
    } finally {
      writers.shutdown();
    }

    assertEquals(Optional.of(Integer.toString(WRITES)), checkpoints.read("Publish.TableStream", STREAM));
    assertEquals(Optional.of(Integer.toString(WRITES)), checkpoints.read("Schedule.TableStream", STREAM));
  }
}
