package dev.taskapi.webhooks;

import dev.taskapi.config.Environment;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long a failed delivery waits before its next attempt: one pause per retry, then none (the event is
 * dead-lettered). The default is the schedule Standard Webhooks' reference implementation (Svix) documents: 5 s, 5
 * min, 30 min, 2 h, 5 h, 10 h, 10 h, so the first retry comes within 30 s and the last more than 24 h after the
 * first attempt (27 h 35 min 5 s). Each pause becomes the message's visibility timeout on the delivery queue, so
 * none may exceed SQS's 12 hours (API Reference, ChangeMessageVisibility).
 */
public record RetrySchedule(List<Duration> pauses) {
  /** The environment variable (template parameter WebhookRetrySchedule): ISO-8601 durations, comma-separated. */
  public static final String VARIABLE = "WEBHOOK_RETRY_SCHEDULE";
  public static final String STANDARD = "PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H";
  static final Duration LONGEST = Duration.ofHours(12);

  public RetrySchedule {
    pauses = List.copyOf(pauses);
    for (Duration pause : pauses) {
      if (pause.isNegative() || pause.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException("a retry's pause must be 0 to 12 hours: " + pause);
      }
    }
  }

  public static RetrySchedule fromEnvironment(Environment env) {
    return parse(env.optional(VARIABLE, STANDARD));
  }

  public static RetrySchedule parse(String text) {
    List<Duration> pauses = new ArrayList<>();
    for (String part : text.trim().split("[\\s,]+")) {
      if (part.isEmpty()) {
        continue;
      }
      try {
        pauses.add(Duration.parse(part));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(VARIABLE + ": not an ISO-8601 duration: " + part, e);
      }
    }
    return new RetrySchedule(pauses);
  }

  /** The pause after attempt {@code attempt} (1 for the first) failed; empty when it was the last. */
  public Optional<Duration> after(int attempt) {
    return attempt >= 1 && attempt <= pauses.size() ? Optional.of(pauses.get(attempt - 1)) : Optional.empty();
  }

  /** Attempts an event gets in all: the first and one per pause. */
  public int attempts() {
    return pauses.size() + 1;
  }
}
