package dev.taskapi.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one ObjectMapper of a function, built once per container, on the first use of this class. The wire format
 * is snake_case (the seed's {@code user_id}, {@code created_at}), so record components map by naming strategy
 * rather than annotations. It parses with {@link JsonStreams#FACTORY}, so its reads have the same limits (nesting
 * depth, duplicate names, no NaN) as the streaming reads; code that needs no data binding uses that factory alone.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonStreams.FACTORY)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}
}
