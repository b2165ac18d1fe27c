package dev.taskapi.schedulereminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.taskapi.config.Environment;
import dev.taskapi.testing.StandardError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of the reminder scheduler schedules and deletes nothing: its Scheduler client refuses the
 * priming record's CreateSchedule and DeleteSchedule once they are signed, before anything leaves the function, and
 * the primer meets exactly that refusal. Outside priming the same record's CreateSchedule is sent. The endpoint is a
 * plain HTTP server standing for Scheduler, which counts what reaches it.
 */
class ScheduleRemindersPrimingTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer scheduler;
  private ScheduleRemindersHandler handler;

  @BeforeEach
  void schedulerThatAcceptsEveryCall() throws IOException {
    scheduler = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    scheduler.createContext("/", exchange -> {
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      byte[] body = "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:123456789012:schedule/reminders/x\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    scheduler.start();
    handler = new ScheduleRemindersHandler(EventBridgeReminderScheduler.fromEnvironment(new Environment(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "SCHEDULER_ENDPOINT", "http://127.0.0.1:" + scheduler.getAddress().getPort(),
        "REMINDER_SCHEDULE_GROUP", "reminders",
        "REMINDER_TARGET_ARN", "arn:aws:lambda:us-east-1:123456789012:function:fire-reminder:live",
        "REMINDER_ROLE_ARN", "arn:aws:iam::123456789012:role/reminder-scheduler",
        "REMINDER_DEAD_LETTER_ARN", "arn:aws:sqs:us-east-1:123456789012:reminder-dlq",
        "REMINDER_RETRY_ATTEMPTS", "185"))), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    scheduler.stop(0);
  }

  @Test
  void thePrimerMeetsTheRefusalOfBothCallsAndSendsNothing() {
    String warnings = StandardError.during(() -> handler.beforeCheckpoint(null));

    assertEquals(List.of(), received, "nothing reached Scheduler while priming");
    assertEquals("", warnings, "the refusals it expects, nothing else");
  }

  @Test
  void thePrimingRecordSchedulesItsReminderWhenNotPriming() {
    assertEquals(false, handler.primed("INSERT"), "not refused: sent");

    assertEquals(1, received.size(), received.toString());
    assertTrue(received.getFirst().startsWith("POST /schedules/reminder-"), received.toString());
  }
}
