package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * A moment the server records (read-only; null until it happens): written as the other timestamps, ISO-8601 UTC
 * with milliseconds; stored as {@link Instant#toString()}, as {@code created_at} is.
 */
final class TimestampField extends TaskField<Optional<Instant>> {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  TimestampField(String name) {
    super(name, Access.READ_ONLY, false);
  }

  @Override
  public Optional<Instant> absent() {
    return Optional.empty();
  }

  @Override
  protected Optional<Instant> parse(JsonNode node, String path, List<FieldError> errors) {
    throw new UnsupportedOperationException(name() + " is read-only: no request reads it");
  }

  @Override
  protected void write(JsonGenerator json, Optional<Instant> value) throws IOException {
    if (value.isEmpty()) {
      json.writeNull();
    } else {
      json.writeString(TIMESTAMP.format(value.get()));
    }
  }

  @Override
  protected Object store(Optional<Instant> value) {
    return value.map(Instant::toString).orElse(null);
  }

  @Override
  protected Optional<Instant> load(Object stored) {
    return Optional.of(Instant.parse((String) stored));
  }
}
