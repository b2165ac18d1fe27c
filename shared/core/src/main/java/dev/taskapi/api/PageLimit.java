package dev.taskapi.api;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;
import java.util.Optional;

/** A listing's {@code limit} query parameter: a page size from 1 to the route's maximum. */
public final class PageLimit {
  private PageLimit() {}

  /** The page size {@code text} asks for ({@code fallback} when absent); {@code errors} gets the reason when it is not one. */
  public static int parse(Optional<String> text, int fallback, int max, List<FieldError> errors) {
    if (text.isEmpty()) {
      return fallback;
    }
    String value = text.get();
    // Digits only and short: "+5", "1e3", " 7" and 20-digit numbers are all refused the same way.
    if (value.matches("[0-9]{1,4}")) {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to " + max));
    return fallback;
  }
}
