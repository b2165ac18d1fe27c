package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code due}: null, or {@code {date, time?, time_zone?}} as {@link Due} describes; a response adds the read-only
 * {@code instant} (RFC 3339, UTC) when there is a time zone, and a request's {@code instant} is ignored, so a
 * client may send back what it read. Stored as a map of the texts as sent.
 */
final class DueField extends TaskField<Optional<Due>> {
  private static final String DATE = "date";
  private static final String TIME = "time";
  private static final String TIME_ZONE = "time_zone";
  private static final String INSTANT = "instant";
  static final String DATE_RULE = "must be a date that exists, as YYYY-MM-DD";
  private static final Pattern DATE_TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern TIME_TEXT = Pattern.compile("[0-9]{2}:[0-9]{2}(:[0-9]{2})?");

  DueField(String name) {
    super(name, Access.CREATE_AND_PATCH, true);
  }

  @Override
  public Optional<Due> absent() {
    return Optional.empty();
  }

  @Override
  protected Optional<Due> parse(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError(path, "must be an object with a date, or null"));
      return null;
    }
    int before = errors.size();
    Optional<String> date = member(node, path, DATE, errors);
    Optional<String> time = member(node, path, TIME, errors);
    Optional<String> zone = member(node, path, TIME_ZONE, errors);
    if (!node.hasNonNull(DATE)) {
      errors.add(new FieldError(path + "." + DATE, "is required"));
    } else if (date.isEmpty()) {
      // not a string: already named
    } else if (!isDateText(date.get())) {
      errors.add(new FieldError(path + "." + DATE, DATE_RULE));
    }
    if (time.isPresent() && (!TIME_TEXT.matcher(time.get()).matches() || !isTime(time.get()))) {
      errors.add(new FieldError(path + "." + TIME, "must be a time as hh:mm or hh:mm:ss"));
    }
    if (zone.isPresent() && time.isEmpty()) {
      errors.add(new FieldError(path + "." + TIME_ZONE, "needs a time"));
    } else if (zone.isPresent() && !ZoneId.getAvailableZoneIds().contains(zone.get())) {
      errors.add(new FieldError(path + "." + TIME_ZONE, "must be an IANA time zone, such as Europe/Berlin"));
    }
    return errors.size() > before ? null : Optional.of(new Due(date.get(), time, zone));
  }

  /** A string member; empty when absent or null. */
  private static Optional<String> member(JsonNode node, String path, String name, List<FieldError> errors) {
    JsonNode member = node.get(name);
    if (member == null || member.isNull()) {
      return Optional.empty();
    }
    return Optional.ofNullable(TaskFields.string(member, path + "." + name, errors));
  }

  /** Whether {@code text} is a date that exists, written YYYY-MM-DD (so date texts compare as strings in date order). */
  static boolean isDateText(String text) {
    return DATE_TEXT.matcher(text).matches() && isDate(text);
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text); // ISO_LOCAL_DATE resolves strictly: 2026-02-30 is refused, not moved to March
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isTime(String text) {
    try {
      LocalTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  @Override
  protected void write(JsonGenerator json, Optional<Due> value) throws IOException {
    if (value.isEmpty()) {
      json.writeNull();
      return;
    }
    Due due = value.get();
    json.writeStartObject();
    json.writeStringField(DATE, due.date());
    if (due.time().isPresent()) {
      json.writeStringField(TIME, due.time().get());
    }
    if (due.timeZone().isPresent()) {
      json.writeStringField(TIME_ZONE, due.timeZone().get());
      json.writeStringField(INSTANT, DateTimeFormatter.ISO_INSTANT.format(due.instant().orElseThrow()));
    }
    json.writeEndObject();
  }

  @Override
  protected Object store(Optional<Due> value) {
    if (value.isEmpty()) {
      return null;
    }
    Due due = value.get();
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put(DATE, due.date());
    due.time().ifPresent(time -> stored.put(TIME, time));
    due.timeZone().ifPresent(zone -> stored.put(TIME_ZONE, zone));
    return stored;
  }

  @Override
  protected Optional<Due> load(Object stored) {
    Map<?, ?> map = (Map<?, ?>) stored;
    return Optional.of(
        new Due(
            (String) map.get(DATE),
            Optional.ofNullable((String) map.get(TIME)),
            Optional.ofNullable((String) map.get(TIME_ZONE))));
  }
}
