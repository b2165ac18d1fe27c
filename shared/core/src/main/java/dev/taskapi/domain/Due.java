package dev.taskapi.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * When a task is due, exactly as the client wrote it: RFC 5545's three kinds of time. A {@code date} alone is a
 * whole day (DATE), the same day wherever the user is; with a {@code time} it is a floating wall-clock time
 * (DATE-TIME without a zone); with a {@code timeZone} too (an IANA id) it is a fixed moment, whose
 * {@link #instant()} the server derives. The texts are kept as sent ({@code "09:00"} stays {@code "09:00"}), so
 * the server never turns a date into a moment or a moment into another day.
 *
 * <p>A wall-clock time a DST change skips or repeats resolves as RFC 5545 (3.3.5) says and java.time does by
 * default: a time in a gap (02:30 on a spring-forward day in Europe/Berlin) is read with the offset before the gap
 * (so it is 03:30 summer time); a repeated time is its first occurrence (the earlier offset). The texts stay as
 * sent.
 */
public record Due(String date, Optional<String> time, Optional<String> timeZone) {
  public Due {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(timeZone, "timeZone");
    if (timeZone.isPresent() && time.isEmpty()) {
      throw new IllegalArgumentException("a time zone needs a time");
    }
  }

  /** The moment of a due with a time zone; empty for a whole day or a floating time. */
  public Optional<Instant> instant() {
    if (timeZone.isEmpty()) {
      return Optional.empty();
    }
    LocalDateTime local = LocalDateTime.of(LocalDate.parse(date), LocalTime.parse(time.get()));
    return Optional.of(ZonedDateTime.ofLocal(local, ZoneId.of(timeZone.get()), null).toInstant());
  }
}
