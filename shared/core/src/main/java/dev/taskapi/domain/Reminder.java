package dev.taskapi.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * When a task reminds its owner: {@link Before} its due, or {@link At} a moment. Each keeps the text the client
 * sent (what was sent is what is returned), with the value it means.
 */
public sealed interface Reminder {
  /** The longest {@code before}: four weeks, as far ahead as the common calendar apps let a reminder go. */
  int MAX_BEFORE_DAYS = 28;

  /** The JSON member and stored key that names this kind: {@code before} or {@code at}. */
  String kind();

  /** The text as sent: an ISO 8601 duration or an RFC 3339 date-time. */
  String text();

  /**
   * The moment this reminder fires for a task due {@code due}; empty when it has none (a reminder before a due that
   * has no moment, which {@link RemindersField} refuses on every write, or a task without a due).
   */
  Optional<Instant> moment(Optional<Due> due);

  /**
   * The reminder of kind {@code kind} ({@code before} or {@code at}) written {@code text}; empty when the text is
   * not one: a {@code before} must be an ISO 8601 duration of 0 to {@value #MAX_BEFORE_DAYS} days, as {@link
   * Duration#parse} reads it (days, hours, minutes, seconds); an {@code at} an RFC 3339 date-time with its offset.
   */
  static Optional<Reminder> parse(String kind, String text) {
    try {
      if (kind.equals(Before.KIND)) {
        Duration offset = Duration.parse(text);
        boolean inRange = !offset.isNegative() && offset.compareTo(Duration.ofDays(MAX_BEFORE_DAYS)) <= 0;
        return inRange ? Optional.of(new Before(text, offset)) : Optional.empty();
      }
      return Optional.of(new At(text, OffsetDateTime.parse(text).toInstant()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code {"before": "PT15M"}}: this long before a due with a time zone. */
  record Before(String text, Duration offset) implements Reminder {
    public static final String KIND = "before";

    public Before {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(offset, "offset");
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public Optional<Instant> moment(Optional<Due> due) {
      return due.flatMap(Due::instant).map(instant -> instant.minus(offset));
    }
  }

  /** {@code {"at": "2026-12-24T08:45:00Z"}}: at this moment, whatever the due. */
  record At(String text, Instant at) implements Reminder {
    public static final String KIND = "at";

    public At {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public Optional<Instant> moment(Optional<Due> due) {
      return Optional.of(at);
    }
  }
}
