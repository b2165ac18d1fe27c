package dev.taskapi.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The condition keys of one request, each with its values (several for a multivalued key such as
 * {@code dynamodb:LeadingKeys}). Keys are case-insensitive in IAM; they are stored lower-cased.
 */
public record RequestContext(Map<String, List<String>> keys) {
  public static final String LEADING_KEYS = "dynamodb:LeadingKeys";

  public RequestContext {
    keys = keys.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue())));
  }

  public static RequestContext empty() {
    return new RequestContext(Map.of());
  }

  public static RequestContext leadingKeys(List<String> values) {
    return new RequestContext(Map.of(LEADING_KEYS, values));
  }

  /** The key's values, or empty when the request has no such key. */
  Optional<List<String>> values(String key) {
    return Optional.ofNullable(keys.get(key.toLowerCase(Locale.ROOT)));
  }
}
