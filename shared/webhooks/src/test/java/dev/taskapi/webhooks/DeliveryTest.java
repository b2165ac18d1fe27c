package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The queued delivery's JSON, its stable id, and the retry schedule. */
class DeliveryTest {
  private final WebhookEvent event = new WebhookEvent("task.deleted", Instant.parse("2026-12-07T10:00:00.123Z"),
      json -> {
        json.writeStartObject();
        json.writeStringField("uuid", "t-1");
        json.writeEndObject();
      });

  @Test
  void aDeliveryReadsBackAsWrittenBodyByteForByte() {
    Delivery delivery = Delivery.of("user-1", "hook-1", "stream-record-1", event);

    assertEquals(delivery, Delivery.fromJson(delivery.toJson()));
    assertEquals("{\"type\":\"task.deleted\",\"timestamp\":\"2026-12-07T10:00:00.123Z\",\"data\":{\"uuid\":\"t-1\"}}",
        delivery.message().body());
  }

  @Test
  void theIdIsTheSameForTheSameChangeAndWebhookAndDiffersOtherwise() {
    String id = Delivery.of("user-1", "hook-1", "record-1", event).message().id();

    assertEquals(id, Delivery.of("user-1", "hook-1", "record-1", event).message().id());
    assertNotEquals(id, Delivery.of("user-1", "hook-2", "record-1", event).message().id());
    assertNotEquals(id, Delivery.of("user-1", "hook-1", "record-2", event).message().id());
    assertTrue(id.matches("msg_[0-9a-f]{32}"), id);
  }

  @Test
  void anAttemptIsSignedAtItsOwnTimeWhileTheBodyKeepsTheEventsTime() {
    WebhookMessage message = Delivery.of("u", "h", "r", event).message();
    Instant later = Instant.parse("2026-12-08T13:00:00.999Z");

    WebhookMessage attempt = message.attemptedAt(later);

    assertEquals(Instant.parse("2026-12-08T13:00:00Z"), attempt.timestamp());
    assertEquals(message.body(), attempt.body());
    assertEquals(message.id(), attempt.id());
  }

  @Test
  void theStandardScheduleRetriesWithin30SecondsAndForMoreThanADay() {
    RetrySchedule schedule = RetrySchedule.parse(RetrySchedule.STANDARD);

    assertEquals(Optional.of(Duration.ofSeconds(5)), schedule.after(1));
    assertEquals(Optional.of(Duration.ofHours(10)), schedule.after(7));
    assertEquals(Optional.empty(), schedule.after(8));
    assertEquals(8, schedule.attempts());
    Duration total = schedule.pauses().stream().reduce(Duration.ZERO, Duration::plus);
    assertTrue(total.compareTo(Duration.ofHours(24)) > 0, total.toString());
  }

  @Test
  void aPauseLongerThanSqsCanHideAMessageIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("PT5S PT13H"));
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5 seconds"));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), RetrySchedule.parse("PT1S,PT2S").pauses());
  }
}
